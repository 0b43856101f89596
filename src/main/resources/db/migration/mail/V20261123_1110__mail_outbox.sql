-- mail: the transactional outbox. A mail is rendered and written here in the sender's transaction, so a
-- rolled-back action sends nothing; it is delivered by SMTP after commit (QUEUED -> SENT, or FAILED after
-- 8 attempts), or kept here for staff to read when no SMTP server is configured (KEPT, the demo).
-- Rows older than 30 days are deleted by the mail module's scheduled job.
create table mail_outbox (
    id              bigserial primary key,
    created_at      timestamptz  not null default now(),
    recipient       varchar(254) not null,
    language        varchar(2)   not null check (language in ('ja', 'en')),
    template        varchar(100) not null,
    subject         varchar(998) not null,
    body            text         not null,
    status          varchar(8)   not null check (status in ('QUEUED', 'SENT', 'FAILED', 'KEPT')),
    attempts        integer      not null default 0,
    -- a short description of the last delivery failure; never a password or the mail's content
    last_error      varchar(300),
    sent_at         timestamptz,
    -- when a QUEUED mail is next due (also the lease of an attempt in progress)
    next_attempt_at timestamptz
);
-- the retry job's query: due QUEUED mails
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'QUEUED';
-- the staff page (newest first) and the retention job
create index mail_outbox_created_idx on mail_outbox (created_at desc, id desc);
