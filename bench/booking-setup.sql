-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Data for bench/booking-bench.sh, loaded into a server started for the benchmark only (never a real one):
-- a hall with 100 bookable rooms open every day 09:00-21:30, its own rule (365 days ahead, bookable until the
-- day itself, 1,000 bookings a month per person so the cap never decides), and 400 residents registered as
-- bookers with personal API tokens bench-token-1 ... bench-token-400 (stored as SHA-256 like real ones).
insert into facility (id, name_ja, name_en, address, department_code)
values ('bench-hall', 'ベンチマーク体育館', 'Benchmark hall', '（ベンチマーク用）', 'bench');
insert into facility_category_link (facility_id, category_code) values ('bench-hall', 'taiikukan');
insert into facility_hours (facility_id, weekday, opens, closes)
select 'bench-hall', d, '09:00', '21:30' from generate_series(1, 7) d;
insert into room (facility_id, name_ja, name_en, capacity, bookable, sort_order)
select 'bench-hall', 'ベンチ室' || n, 'Bench room ' || n, 40, true, n from generate_series(1, 100) n;
insert into reservation_rule (facility_id, window_days, cutoff_days, monthly_cap, fee_resident, fee_non_resident,
                              cancel_deadline_days)
values ('bench-hall', 365, 0, 1000, 1200, 1800, 7);

insert into account (kind, email, password_hash, display_name, preferred_language, email_verified_at)
select 'RESIDENT', 'bench-' || n || '@bench.machi.example', '{noop}!', 'ベンチ ' || n, 'ja', now()
from generate_series(1, 400) n;
insert into account_role (account_id, role)
select id, 'RESIDENT' from account where email like 'bench-%@bench.machi.example';
insert into api_token (account_id, name, token_hash, token_prefix)
select id, 'bench',
       encode(sha256(convert_to('bench-token-' || substring(email from '^bench-([0-9]+)@'), 'UTF8')), 'hex'),
       'bench-to'
from account where email like 'bench-%@bench.machi.example';
insert into reservation_booker (account_id, residency)
select id, 'RESIDENT' from account where email like 'bench-%@bench.machi.example';
