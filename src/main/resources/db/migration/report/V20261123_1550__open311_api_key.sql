-- API keys that staff issue to partner apps for Open311 POST Service Request. Only a SHA-256 hash of the key is
-- stored: the key itself is shown once when issued. Revoked keys stay for the record (audit, who issued what).
create table open311_api_key (
    id          bigserial primary key,
    key_hash    char(64) not null unique,
    key_prefix  varchar(12) not null,          -- first characters, so staff can tell keys apart
    partner     varchar(200) not null,
    issued_by   bigint,                        -- staff account id; null for the demo key
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    revoked_by  bigint,
    last_used_at timestamptz
);
