-- identity: residents and staff, their roles and departments, one-time tokens, recovery codes, API tokens.
create table account (
    id                 bigserial primary key,
    kind               varchar(16)  not null check (kind in ('RESIDENT', 'STAFF')),
    email              varchar(254) not null,
    password_hash      varchar(255) not null,
    display_name       varchar(100) not null,
    name_kana          varchar(100),
    district           varchar(100),
    preferred_language varchar(2)   not null default 'ja' check (preferred_language in ('ja', 'en')),
    contact_email      varchar(254),
    email_verified_at  timestamptz,
    totp_secret        varchar(64),
    totp_confirmed_at  timestamptz,
    totp_last_step     bigint,
    all_departments    boolean      not null default false,
    failed_logins      integer      not null default 0,
    locked_until       timestamptz,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now(),
    deleted_at         timestamptz
);
create unique index account_email_uq on account (lower(email));
create index account_name_idx on account (kind, display_name);

create table account_role (
    account_id bigint      not null references account (id) on delete cascade,
    role       varchar(32) not null check (role in ('RESIDENT', 'STAFF', 'DEPT_ADMIN', 'SYSTEM_ADMIN', 'AUDITOR')),
    primary key (account_id, role)
);

create table staff_department (
    account_id      bigint      not null references account (id) on delete cascade,
    department_code varchar(64) not null,
    primary key (account_id, department_code)
);

-- one-time links sent by mail: e-mail verification, password reset, staff invitation. Only hashes are kept.
create table account_token (
    id          bigserial primary key,
    account_id  bigint      not null references account (id) on delete cascade,
    purpose     varchar(32) not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    token_hash  char(64)    not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);

create table recovery_code (
    id         bigserial primary key,
    account_id bigint   not null references account (id) on delete cascade,
    code_hash  char(64) not null,
    used_at    timestamptz
);
create index recovery_code_account_idx on recovery_code (account_id);

create table api_token (
    id           bigserial primary key,
    account_id   bigint       not null references account (id) on delete cascade,
    name         varchar(100) not null,
    token_hash   char(64)     not null unique,
    token_prefix varchar(12)  not null,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_account_idx on api_token (account_id);
