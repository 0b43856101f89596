-- 5,000 synthetic facilities for the facility benchmarks (docs/benchmarks.md), spread over Nerima's bounding box
-- (139.56–139.69 E, 35.71–35.78 N) with random categories, barrier-free/Wi-Fi/AED flags and opening hours.
-- Deterministic (setseed) and idempotent (ids bench-00001 … bench-05000). Never loaded by the application itself.
select setseed(0.42);
insert into facility (id, name_ja, name_kana, name_en, search_text, address, lat, lon, department_code, wifi, aed,
                      step_free_entrance, accessible_toilet, weekly_closed_day, holiday_rule, year_end_from, year_end_to)
select 'bench-' || lpad(g::text, 5, '0'), 'ベンチ施設' || g, 'ベンチシセツ' || g, 'Bench facility ' || g,
       'べんちしせつ' || g || ' べんちしせつ' || g || ' bench facility ' || g,
       '東京都練馬区豊玉北' || (g % 6 + 1) || '-' || (g % 30 + 1),
       35.71 + random() * 0.07, 139.56 + random() * 0.13, 'bosai-keikaku',
       random() < 0.3, random() < 0.4, random() < 0.5, random() < 0.4,
       case when random() < 0.5 then 1 end, 'OPEN_CLOSE_NEXT_WEEKDAY', '12-29', '01-03'
from generate_series(1, 5000) g
on conflict (id) do nothing;
insert into facility_category_link (facility_id, category_code)
select 'bench-' || lpad(g::text, 5, '0'),
       (array['kumin-kan','chiiki-shukaijo','taiikukan','toshokan','school','hoikuen','jidokan','park'])[1 + floor(random() * 8)::int]
from generate_series(1, 5000) g
on conflict do nothing;
insert into facility_hours (facility_id, weekday, opens, closes)
select 'bench-' || lpad(g::text, 5, '0'), d,
       (array['08:30','09:00','10:00'])[1 + floor(random() * 3)::int]::time,
       (array['17:00','19:00','21:30'])[1 + floor(random() * 3)::int]::time
from generate_series(1, 5000) g, generate_series(1, 7) d
on conflict do nothing;
analyze facility;
analyze facility_category_link;
analyze facility_hours;
