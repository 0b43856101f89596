-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 100,000 published まちレポ reports spread over the last 365 days and over the ward (for the benchmarks in
-- docs/benchmarks.md). Run against a benchmark database only: psql -h 127.0.0.1 -p PORT -U postgres -f bench/report-100k.sql
insert into report (public_token, category_code, description, lat, lon, address, status, status_reason,
                    department_code, language, published, demo, requested_at, updated_at, due_date, resolved_at)
select md5('bench-' || g || '-' || random()),
       (array['road', 'park-equipment', 'street-light', 'illegal-dumping', 'graffiti', 'abandoned-bicycle',
              'flooding', 'other'])[1 + g % 8],
       '【ベンチマーク】生成したレポート ' || g || '。歩道の段差が大きく、自転車が通りにくくなっています。',
       35.72 + random() * 0.06, 139.57 + random() * 0.11, '旭丘1丁目',
       (array['RECEIVED', 'IN_PROGRESS', 'RESOLVED', 'RESOLVED', 'NOT_ACTIONABLE'])[1 + g % 5],
       case when g % 5 = 4 then '私有地のため区では対応できません。' end,
       case when g % 8 = 7 then 'kocho-koho' else 'doboku-keikaku' end, 'ja', true, true, t, t + interval '1 day',
       (t + interval '7 days')::date, case when g % 5 in (2, 3) then t + interval '3 days' end
from (select g, now() - random() * interval '365 days' as t from generate_series(1, 100000) g) s;
analyze report;
