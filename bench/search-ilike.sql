-- SPDX-License-Identifier: AGPL-3.0-or-later
-- The baseline of bench/search-bench.sh: what a site search without an index would do — the ten newest published
-- public FAQ entries whose question or answer contains the words, by PostgreSQL ILIKE '%…%' (no index can serve it).
-- pgbench runs it (-M prepared, -D word=…) with the same word as the HTTP load, against the same database, in the
-- same run.
select id, question_ja, left(answer_ja, 120)
  from inquiry_faq
 where status = 'PUBLISHED' and not staff_only
   and (question_ja ilike '%' || cast(:word as text) || '%' or answer_ja ilike '%' || cast(:word as text) || '%')
 order by updated_at desc, id desc
 limit 10;
