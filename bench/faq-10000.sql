-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 10,000 published FAQ entries for the site-search benchmarks (docs/benchmarks.md): the demo ward's FAQ (demo mode
-- must be on) plus generated entries, each the question of one demo entry numbered and the answers of two,
-- so the vocabulary, lengths and readings are those of real entries. Run once on a throw-away database.
with demo as (
    select row_number() over (order by id) - 1 as n, question_ja, question_en, answer_ja, answer_en, category,
           department_code
      from inquiry_faq where demo and status = 'PUBLISHED' and not staff_only),
     c as (select count(*) as n from demo),
     todo as (select 10000 - (select count(*) from inquiry_faq where status = 'PUBLISHED') as n)
insert into inquiry_faq (question_ja, question_en, answer_ja, answer_en, category, department_code, status, review_on)
select d1.question_ja || '（その' || g || '）', d1.question_en || ' (' || g || ')',
       left(d1.answer_ja || E'\n' || d2.answer_ja, 5000), left(d1.answer_en || E'\n' || d2.answer_en, 5000),
       d1.category, d1.department_code, 'PUBLISHED', current_date + 365
  from generate_series(1, (select n from todo)) g
  join demo d1 on d1.n = g % (select n from c)
  join demo d2 on d2.n = (g * 7 + 3) % (select n from c);
