-- reservation: slot templates and booking rules (data, per room, facility or ward-wide), bookers, bookings.
-- Scope of a template or rule: room_id set = that room; facility_id set = every room of that facility;
-- both null = the ward-wide default. The most specific scope wins (room, then facility, then ward).

create table reservation_slot (
    id          bigserial primary key,
    facility_id varchar(80),
    room_id     bigint,
    code        varchar(16)  not null check (code ~ '^[a-z0-9-]{1,16}$'),
    label_ja    varchar(40)  not null,
    label_en    varchar(40)  not null,
    starts_at   time         not null,
    ends_at     time         not null,
    sort_order  integer      not null default 0,
    check (starts_at < ends_at),
    check (room_id is null or facility_id is null)
);
create unique index reservation_slot_scope_uq on reservation_slot (facility_id, room_id, code) nulls not distinct;

create table reservation_rule (
    id                   bigserial primary key,
    facility_id          varchar(80),
    room_id              bigint,
    window_days          integer not null check (window_days between 1 and 730),
    cutoff_days          integer not null check (cutoff_days between 0 and 365),
    monthly_cap          integer not null check (monthly_cap between 1 and 1000),
    fee_resident         integer not null check (fee_resident >= 0),
    fee_non_resident     integer not null check (fee_non_resident >= 0),
    cancel_deadline_days integer not null check (cancel_deadline_days between 0 and 365),
    check (room_id is null or facility_id is null)
);
create unique index reservation_rule_scope_uq on reservation_rule (facility_id, room_id) nulls not distinct;

-- 利用者登録: what a person declared about living, working or studying in the ward.
create table reservation_booker (
    account_id          bigint primary key,
    residency           varchar(16) not null check (residency in ('RESIDENT', 'WORKER', 'STUDENT', 'NON_RESIDENT')),
    declared_at         timestamptz not null default now(),
    evidence_checked_at timestamptz,
    evidence_checked_by bigint,
    suspended_until     date
);

create table reservation_booking (
    id                 bigserial primary key,
    room_id            bigint       not null,
    facility_id        varchar(80)  not null,
    use_date           date         not null,
    slot_code          varchar(16)  not null,
    starts_at          time         not null,
    ends_at            time         not null,
    booker_account_id  bigint       not null,
    status             varchar(12)  not null check (status in ('PROVISIONAL', 'CONFIRMED', 'CANCELLED', 'NO_SHOW')),
    fee                integer      not null check (fee >= 0),
    fee_rule           varchar(200) not null,
    idempotency_key    varchar(100) not null,
    created_at         timestamptz  not null default now(),
    hold_expires_at    timestamptz,
    paid_at            timestamptz,
    paid_by            bigint,
    cancelled_at       timestamptz,
    cancelled_by       bigint,
    refund             integer check (refund >= 0),
    proxy_staff_id     bigint,
    unique (booker_account_id, idempotency_key)
);
-- The guarantee: one slot of one room has at most one active booking, whatever the application does.
create unique index reservation_booking_active_slot_uq on reservation_booking (room_id, use_date, slot_code)
    where status in ('PROVISIONAL', 'CONFIRMED');
create index reservation_booking_booker_idx on reservation_booking (booker_account_id, use_date);
create index reservation_booking_facility_idx on reservation_booking (facility_id, use_date);
