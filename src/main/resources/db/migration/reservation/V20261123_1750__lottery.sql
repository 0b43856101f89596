-- reservation: lottery rounds (抽選). A round covers rooms for one target month; applicants (persons now, groups
-- later: applicant_kind) send applications with ranked choices during the window; at the close the anonymised
-- list is fixed and its SHA-256 and the SHA-256 of a secret seed are published; the draw is a pure function of
-- list and seed (docs/modules/reservation.md, "How to check a lottery").

create table reservation_lottery_round (
    id                bigserial primary key,
    name_ja           varchar(100) not null,
    name_en           varchar(100) not null,
    target_month      date         not null check (extract(day from target_month) = 1),
    opens_at          timestamptz  not null,
    closes_at         timestamptz  not null,
    draw_at           timestamptz  not null,
    confirm_by        timestamptz  not null,
    first_come_at     timestamptz  not null,
    max_choices       integer      not null check (max_choices between 1 and 10),
    max_applications  integer      not null check (max_applications between 1 and 20),
    phase             varchar(12)  not null default 'PLANNED' check (phase in ('PLANNED', 'COMMITTED', 'DRAWN')),
    list_sha256       char(64),
    seed_sha256       char(64),
    seed              char(64),
    committed_at      timestamptz,
    drawn_at          timestamptz,
    list_csv          text,
    results_csv       text,
    created_by        bigint,
    created_at        timestamptz  not null default now(),
    check (opens_at < closes_at and closes_at <= draw_at and draw_at < confirm_by and confirm_by <= first_come_at),
    check (phase = 'PLANNED' or (list_sha256 is not null and seed_sha256 is not null and list_csv is not null)),
    check (phase <> 'DRAWN' or (seed is not null and results_csv is not null))
);

create table reservation_lottery_room (
    round_id    bigint      not null references reservation_lottery_round (id) on delete cascade,
    room_id     bigint      not null,
    facility_id varchar(80) not null,
    primary key (round_id, room_id)
);
create index reservation_lottery_room_room_idx on reservation_lottery_room (room_id);

-- One row per applicant and round: the random public reference only the applicant sees on their own page.
create table reservation_lottery_applicant (
    round_id       bigint      not null references reservation_lottery_round (id) on delete cascade,
    applicant_kind varchar(8)  not null check (applicant_kind in ('PERSON', 'GROUP')),
    applicant_id   bigint      not null,
    reference      varchar(12) not null check (reference ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
    notified_at    timestamptz,
    primary key (round_id, applicant_kind, applicant_id),
    unique (round_id, reference)
);

create table reservation_lottery_application (
    id             bigserial primary key,
    round_id       bigint      not null references reservation_lottery_round (id) on delete cascade,
    applicant_kind varchar(8)  not null,
    applicant_id   bigint      not null,
    created_at     timestamptz not null default now(),
    card_no        integer,
    won_rank       integer,
    booking_id     bigint,
    foreign key (round_id, applicant_kind, applicant_id)
        references reservation_lottery_applicant (round_id, applicant_kind, applicant_id) on delete cascade
);
create index reservation_lottery_application_applicant_idx
    on reservation_lottery_application (round_id, applicant_kind, applicant_id);

create table reservation_lottery_choice (
    application_id bigint      not null references reservation_lottery_application (id) on delete cascade,
    rank           integer     not null check (rank between 1 and 10),
    room_id        bigint      not null,
    use_date       date        not null,
    slot_code      varchar(16) not null,
    primary key (application_id, rank)
);
