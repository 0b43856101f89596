-- reservation: groups (団体), who may book, maintenance / 行政使用 blocks, legacy import.

-- Ward-wide settings for groups: one row.
create table reservation_group_settings (
    id                  boolean primary key default true check (id),
    min_members         integer not null check (min_members between 1 and 1000),
    min_in_ward_percent integer not null check (min_in_ward_percent between 0 and 100),
    validity_months     integer not null check (validity_months between 1 and 60),
    monthly_cap         integer not null check (monthly_cap between 1 and 1000)
);
insert into reservation_group_settings (min_members, min_in_ward_percent, validity_months, monthly_cap)
values (5, 50, 12, 8);

create table reservation_group (
    id                        bigserial primary key,
    name                      varchar(100) not null,
    name_kana                 varchar(100) not null,
    activity                  varchar(500) not null,
    representative_account_id bigint not null,
    status                    varchar(12) not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    submitted_at              timestamptz not null,
    renewal_requested_at      timestamptz,
    decided_at                timestamptz,
    decided_by                bigint,
    decision_note             varchar(200),
    valid_until               date,
    check (status <> 'APPROVED' or valid_until is not null)
);
create index reservation_group_status_idx on reservation_group (status);

-- Members, the representative among them. A person (account or e-mail address) is an active member of at most one
-- group: rejected and withdrawn groups release their members.
create table reservation_group_member (
    id             bigserial primary key,
    group_id       bigint not null references reservation_group (id) on delete cascade,
    account_id     bigint,
    email          varchar(254),
    name           varchar(100) not null,
    in_ward        boolean not null,
    representative boolean not null default false,
    active         boolean not null default true
);
create unique index reservation_group_member_account_uq on reservation_group_member (account_id)
    where active and account_id is not null;
create unique index reservation_group_member_email_uq on reservation_group_member (lower(email))
    where active and email is not null;
create index reservation_group_member_group_idx on reservation_group_member (group_id);

-- Who may book a room: scoped like reservation_rule (room > facility > ward); no row at all = everybody.
create table reservation_eligibility (
    id            bigserial primary key,
    facility_id   varchar(80),
    room_id       bigint,
    individuals   boolean not null,
    groups        boolean not null,
    non_residents boolean not null,
    check (room_id is null or facility_id is null)
);
create unique index reservation_eligibility_scope_uq on reservation_eligibility (facility_id, room_id) nulls not distinct;

-- Maintenance (点検・工事) and administrative use (行政使用): a room, or every room of a facility when room_id is
-- null, over a range of days and some slots (null = every slot). They win over bookings.
create table reservation_block (
    id          bigserial primary key,
    facility_id varchar(80) not null,
    room_id     bigint,
    kind        varchar(12) not null check (kind in ('MAINTENANCE', 'ADMIN_USE')),
    from_date   date not null,
    to_date     date not null,
    slot_codes  varchar(16)[],
    reason      varchar(200) not null,
    created_by  bigint not null,
    created_at  timestamptz not null,
    removed_at  timestamptz,
    removed_by  bigint,
    check (from_date <= to_date)
);
create index reservation_block_active_idx on reservation_block (facility_id, from_date, to_date) where removed_at is null;

-- Legacy import: people of the old system without an account here, until they claim their bookings.
create table reservation_legacy_booker (
    id          bigserial primary key,
    legacy_id   varchar(50)  not null unique,
    name        varchar(100) not null,
    email       varchar(254) not null,
    residency   varchar(16)  not null check (residency in ('RESIDENT', 'WORKER', 'STUDENT', 'NON_RESIDENT')),
    imported_at timestamptz  not null,
    claimed_by  bigint,
    claimed_at  timestamptz
);
create index reservation_legacy_booker_email_idx on reservation_legacy_booker (lower(email));

-- Uploaded files waiting for the preview to be committed.
create table reservation_import (
    id           bigserial primary key,
    account_id   bigint not null,
    file_name    varchar(200) not null,
    content      bytea not null,
    created_at   timestamptz not null,
    committed_at timestamptz
);

alter table reservation_booking add column group_id bigint references reservation_group (id);
alter table reservation_booking add column legacy_booker_id bigint references reservation_legacy_booker (id);
alter table reservation_booking add column legacy_ref varchar(50);
alter table reservation_booking alter column booker_account_id drop not null;
alter table reservation_booking add constraint reservation_booking_booker_ck
    check (booker_account_id is not null or legacy_booker_id is not null);
create unique index reservation_booking_legacy_ref_uq on reservation_booking (legacy_ref) where legacy_ref is not null;
create index reservation_booking_group_idx on reservation_booking (group_id, use_date) where group_id is not null;
