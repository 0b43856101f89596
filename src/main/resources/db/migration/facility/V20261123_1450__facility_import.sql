-- Standard CSV uploads waiting for the staff member to confirm the preview: kept server-side for 30 minutes
-- (never in a hidden form field), bound to the account, deleted when applied or cancelled.
create table facility_import (
    token            text primary key,
    account_id       bigint not null,
    dataset          text not null,
    department_code  text not null,
    file_name        text,
    content          bytea not null,
    fingerprint      text not null,
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null
);
create index facility_import_expires on facility_import (expires_at);
