-- reservation money: commercial rate, payment deadline, refund tiers, penalties, reductions (減免), check-in,
-- no-show, reminders and the private calendar feed. Everything the ward may change is data, scoped like
-- reservation_rule (room > facility > ward): the money columns live on the rule row itself.

-- fee for commercial use (営利目的); null = the non-resident fee (rows written by code that knows no commercial rate)
alter table reservation_rule add column fee_commercial integer check (fee_commercial >= 0);
update reservation_rule set fee_commercial = fee_non_resident * 2;
alter table reservation_rule
    -- payment: the fee is due N days after booking or M days before the day of use, whichever comes first
    add column pay_within_days    integer not null default 14 check (pay_within_days between 0 and 365),
    add column pay_days_before    integer not null default 3  check (pay_days_before between 0 and 365),
    -- a cancellation fewer than late_cancel_days days before the day of use is late and earns points
    add column late_cancel_days   integer not null default 3  check (late_cancel_days between 0 and 365),
    add column late_cancel_points integer not null default 1  check (late_cancel_points between 0 and 100),
    add column no_show_points     integer not null default 3  check (no_show_points between 0 and 100),
    -- reaching the threshold suspends the booker for suspension_days days and starts the count again
    add column penalty_threshold  integer not null default 5  check (penalty_threshold between 1 and 100),
    add column suspension_days    integer not null default 30 check (suspension_days between 1 and 365);

-- Refund tiers of a rule: a cancellation at least days_before days before the day of use refunds percent % of the
-- fee; the tier with the largest days_before that is reached applies; none reached = no refund. A rule without
-- tiers keeps the meaning of cancel_deadline_days: 100 % until then, nothing after.
create table reservation_refund_tier (
    rule_id     bigint  not null references reservation_rule (id) on delete cascade,
    days_before integer not null check (days_before between 0 and 365),
    percent     integer not null check (percent between 0 and 100),
    primary key (rule_id, days_before)
);
insert into reservation_refund_tier (rule_id, days_before, percent)
select id, cancel_deadline_days, 100 from reservation_rule;

-- Reduction categories (減免区分): data, with the share of the fee that is waived.
create table reservation_reduction_category (
    code       varchar(32)  primary key check (code ~ '^[a-z0-9-]{1,32}$'),
    label_ja   varchar(60)  not null,
    label_en   varchar(60)  not null,
    percent    integer      not null check (percent between 1 and 100),
    sort_order integer      not null default 0,
    active     boolean      not null default true
);

alter table reservation_booking
    add column commercial           boolean not null default false,
    add column base_fee             integer check (base_fee >= 0),
    add column reduction_code       varchar(32) references reservation_reduction_category (code),
    add column reduction_state      varchar(10) check (reduction_state in ('REQUESTED', 'APPROVED', 'REJECTED')),
    add column reduction_note       varchar(200),
    add column reduction_decided_by bigint,
    add column reduction_decided_at timestamptz,
    add column checked_in_at        timestamptz,
    add column checked_in_by        bigint,
    add column no_show_by           bigint,
    add column no_show_at           timestamptz,
    add column payment_reminded_at  timestamptz,
    add column day_reminded_at      timestamptz,
    add check ((reduction_code is null) = (reduction_state is null));
create index reservation_booking_unpaid_idx on reservation_booking (use_date)
    where status = 'CONFIRMED' and paid_at is null;
create index reservation_booking_reduction_idx on reservation_booking (reduction_state)
    where reduction_state = 'REQUESTED';

alter table reservation_booker add column penalty_points integer not null default 0 check (penalty_points >= 0);

-- Every penalty given (late cancellation, no-show) and every suspension it caused.
create table reservation_penalty (
    id                bigserial primary key,
    booker_account_id bigint      not null,
    booking_id        bigint      not null references reservation_booking (id),
    reason            varchar(16) not null check (reason in ('late-cancel', 'no-show')),
    points            integer     not null check (points >= 0),
    suspended_until   date,
    created_at        timestamptz not null default now(),
    created_by        bigint
);
create index reservation_penalty_booker_idx on reservation_penalty (booker_account_id, created_at);

-- The secret address of a person's iCalendar feed of their bookings.
create table reservation_calendar_feed (
    account_id bigint      primary key,
    token      varchar(64) not null unique check (token ~ '^[A-Za-z0-9_-]{32,64}$'),
    created_at timestamptz not null default now()
);
