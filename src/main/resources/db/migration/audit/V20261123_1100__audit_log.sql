-- audit: the append-only, hash-chained record of sign-ins, failures, role changes and staff access to
-- residents' personal data. See docs/modules/audit.md for the chain format.
--
-- The id is the entry's sequence number. It is NOT a database sequence: sequences hand out numbers that a
-- rolled back transaction never uses, and a gap must mean "an entry was removed". The application takes
-- max(id) + 1 while holding a transaction-scoped advisory lock, so numbers are gap-free and the chain
-- cannot fork; the primary key and the unique prev_hash refuse a fork even if that lock were bypassed.
create table audit_entry (
    id                 bigint        primary key check (id > 0),
    occurred_at        timestamptz   not null,
    action             varchar(100)  not null,
    actor_account_id   bigint,
    actor_label        varchar(254),
    on_behalf_of_id    bigint,
    subject_account_id bigint,
    subject            varchar(200),
    detail             varchar(1000),
    remote_address     varchar(64),
    prev_hash          char(64)      not null unique check (prev_hash ~ '^[0-9a-f]{64}$'),
    hash               char(64)      not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_entry_occurred_idx on audit_entry (occurred_at);
create index audit_entry_action_idx on audit_entry (action varchar_pattern_ops);
create index audit_entry_actor_idx on audit_entry (actor_account_id);
create index audit_entry_actor_label_idx on audit_entry (lower(actor_label));
create index audit_entry_subject_idx on audit_entry (subject_account_id);
create index audit_entry_on_behalf_idx on audit_entry (on_behalf_of_id);

-- Each successful verification anchors the chain: the last entry's number and hash, and how many entries
-- there were. A later check that finds fewer entries, or a different hash at that number, reports it; a
-- chain alone cannot show that its tail was cut off.
create table audit_checkpoint (
    id          bigserial   primary key,
    created_at  timestamptz not null default now(),
    entry_id    bigint      not null,
    entry_count bigint      not null,
    entry_hash  char(64)    not null
);

-- Append-only in the database itself, whatever the application does.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit: % on % is not allowed, the audit log is append-only', tg_op, tg_table_name;
end;
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_refuse_change();
