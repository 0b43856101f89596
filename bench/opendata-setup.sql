-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Open data benchmark data (bench/opendata-bench.sh, which sets :repeat): 100,000 published まちレポ reports whose descriptions are long
-- enough (about 2.4 KB each in UTF-8 at the default :repeat of 18) that the report CSV is larger than the benchmark's heap, and 500 uploaded
-- datasets (one small version each) for package_search. Run against a benchmark database only.
insert into report (public_token, category_code, description, lat, lon, address, status, status_reason,
                    department_code, language, published, demo, requested_at, updated_at, due_date, resolved_at)
select md5('odbench-' || g || '-' || random()),
       (select array_agg(code order by code) from report_category)[1 + g % (select count(*) from report_category)::int],
       '【ベンチマーク】生成したレポート ' || g || '。' || repeat('歩道の段差が大きく、自転車が通りにくくなっています。夜は暗くて危ないので、早めに直してください。', :repeat),
       35.72 + random() * 0.06, 139.57 + random() * 0.11, '旭丘1丁目',
       (array['RECEIVED', 'IN_PROGRESS', 'RESOLVED', 'RESOLVED', 'NOT_ACTIONABLE'])[1 + g % 5],
       case when g % 5 = 4 then '私有地のため区では対応できません。' end,
       case when g % 8 = 7 then 'kocho-koho' else 'doboku-keikaku' end, 'ja', true, true, t, t + interval '1 day',
       (t + interval '7 days')::date, case when g % 5 in (2, 3) then t + interval '3 days' end
from (select g, now() - random() * interval '365 days' as t from generate_series(1, 100000) g) s;
analyze report;

insert into opendata_dataset (id, name, kind, file_slug, standard_number, layout_code, title_ja, title_en, description_ja,
    description_en, department_code, category, tags, licence, frequency, spatial_ja, created_at, updated_at)
select gen_random_uuid(), 'bench-budget-' || g, 'UPLOADED', 'bench_budget_' || g, null, 'budget',
       '予算 ベンチマーク ' || g, 'Budget benchmark ' || g, '款・項別の予算（ベンチマーク用に生成）' || repeat('説明', g % 50),
       'Generated for the benchmark', (array['somu', 'kocho-koho', 'joho-seisaku', 'bosai-keikaku'])[1 + g % 4],
       (array['administration', 'economy', 'population', 'other'])[1 + g % 4],
       array['予算', 'タグ' || (g % 40), case when g % 3 = 0 then '財政' else '統計' end],
       (array['CC-BY-4.0', 'PDL-1.0'])[1 + g % 2], 'ANNUAL', '練馬区', now() - g * interval '1 hour', now() - g * interval '1 minute'
from generate_series(1, 500) g;
insert into opendata_version (dataset_id, version, file_name, content, row_count, sha256, uploaded_at)
select id, 1, file_slug || '.csv',
       convert_to(E'\uFEFF全国地方公共団体コード,地方公共団体名,年度,会計,款,項,予算額（千円）,備考\r\n131202,練馬区,2026,一般会計,総務費,総務管理費,1000,\r\n', 'UTF8'),
       1, repeat('0', 64), now()
from opendata_dataset where name like 'bench-budget-%';
