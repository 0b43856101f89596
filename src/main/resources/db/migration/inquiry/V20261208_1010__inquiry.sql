-- Module inquiry: FAQ, the inquiry desk, the children's consultation.

-- FAQ entries. Every write takes the next revision from a one-row counter (a trigger), so the search index asks
-- "what changed since N". The counter row stays locked until the writing transaction commits, so revisions are
-- handed out in commit order and a reader that saw N never misses a later commit with a smaller number.
create table inquiry_faq_counter (
    id  boolean primary key default true check (id),
    rev bigint not null
);
insert into inquiry_faq_counter (id, rev) values (true, 0);
create table inquiry_faq (
    id                  bigserial primary key,
    question_ja         text not null check (length(question_ja) between 1 and 300),
    question_en         text not null default '' check (length(question_en) <= 300),
    answer_ja           text not null check (length(answer_ja) between 1 and 5000),
    answer_en           text not null default '' check (length(answer_en) <= 5000),
    category            text not null,
    department_code     text not null,
    staff_only          boolean not null default false,
    status              text not null check (status in ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    review_on           date,
    -- the review date the department was last told about (so the reminder goes once per review date)
    review_notified_on  date,
    source_inquiry_id   bigint,
    demo                boolean not null default false,
    revision            bigint not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    created_by          bigint,
    updated_by          bigint
);
create index inquiry_faq_revision_idx on inquiry_faq (revision);

create function inquiry_faq_next_revision() returns trigger language plpgsql as $$
begin
    update inquiry_faq_counter set rev = rev + 1 where id returning rev into new.revision;
    return new;
end $$;

create trigger inquiry_faq_revision before insert or update on inquiry_faq
    for each row execute function inquiry_faq_next_revision();
create index inquiry_faq_review_idx on inquiry_faq (review_on) where status = 'PUBLISHED';

-- Links from an answer into Machi (a facility, the booking pages, a まちレポ category): site-relative paths only.
create table inquiry_faq_link (
    faq_id    bigint not null references inquiry_faq (id) on delete cascade,
    position  int not null,
    path      text not null check (path like '/%' and length(path) <= 300),
    label_ja  text not null check (length(label_ja) between 1 and 100),
    label_en  text not null default '' check (length(label_en) <= 100),
    primary key (faq_id, position)
);

-- "Did this answer your question?" and the desk's "one of these answered it" (resolved), or not; no personal data.
create table inquiry_feedback (
    id          bigserial primary key,
    faq_id      bigint references inquiry_faq (id) on delete set null,
    category    text,
    resolved    boolean not null,
    source      text not null check (source in ('ANSWER', 'DESK')),
    at          timestamptz not null default now()
);
create index inquiry_feedback_at_idx on inquiry_feedback (at);

-- Inquiries (問い合わせ). One thread from the first message to the last reply, across transfers.
create table inquiry (
    id                    bigserial primary key,
    channel               text not null check (channel in ('WEB', 'PHONE', 'COUNTER', 'MAIL')),
    department_code       text not null,
    proposed_department   text,
    status                text not null check (status in ('OPEN', 'ANSWERED', 'CLOSED')),
    assignee_account_id   bigint,
    resident_account_id   bigint,
    contact_name          text check (length(contact_name) <= 100),
    contact_email         text check (length(contact_email) <= 320),
    contact_phone         text check (length(contact_phone) <= 30),
    language              text not null default 'ja',
    -- SHA-256 of the secret in the thread link mailed to a resident who wrote without an account
    access_token_hash     text unique,
    received_at           timestamptz not null default now(),
    due_on                date not null,
    first_reply_at        timestamptz,
    closed_at             timestamptz,
    entered_by            bigint,
    demo                  boolean not null default false,
    erased                boolean not null default false
);
create index inquiry_department_idx on inquiry (department_code, status);
create index inquiry_resident_idx on inquiry (resident_account_id);

create table inquiry_message (
    id                 bigserial primary key,
    inquiry_id         bigint not null references inquiry (id) on delete cascade,
    kind               text not null check (kind in ('RESIDENT', 'REPLY', 'NOTE', 'TRANSFER', 'ASSIGN', 'CLOSE', 'REOPEN')),
    body               text not null check (length(body) <= 8000),
    author_account_id  bigint,
    from_department    text,
    to_department      text,
    created_at         timestamptz not null default now()
);
create index inquiry_message_inquiry_idx on inquiry_message (inquiry_id, id);

-- Files a resident attached (images re-encoded without metadata, PDFs checked by their magic bytes).
create table inquiry_attachment (
    id            bigserial primary key,
    inquiry_id    bigint not null references inquiry (id) on delete cascade,
    message_id    bigint not null references inquiry_message (id) on delete cascade,
    filename      text not null check (length(filename) <= 200),
    content_type  text not null check (content_type in ('image/jpeg', 'application/pdf')),
    content       bytea not null,
    size          int not null
);

-- Reply templates per department (null: every department).
create table inquiry_reply_template (
    id               bigserial primary key,
    department_code  text,
    title            text not null check (length(title) between 1 and 100),
    body             text not null check (length(body) between 1 and 4000)
);

-- How staff routed inquiries (the department an inquiry was answered by or transferred to): the department
-- proposal learns from these, and from the FAQ.
create sequence inquiry_routing_revision;
create table inquiry_routing_example (
    inquiry_id       bigint primary key references inquiry (id) on delete cascade,
    text             text not null,
    department_code  text not null,
    revision         bigint not null default nextval('inquiry_routing_revision')
);

-- The children's consultation (子どもの相談): anonymous threads reached by a secret link (only its hash is kept).
create table inquiry_child_thread (
    id               bigserial primary key,
    token_hash       text not null unique,
    created_at       timestamptz not null default now(),
    last_message_at  timestamptz not null default now(),
    waiting          boolean not null default true,
    closed           boolean not null default false,
    demo             boolean not null default false
);
create table inquiry_child_message (
    id                bigserial primary key,
    thread_id         bigint not null references inquiry_child_thread (id) on delete cascade,
    from_child        boolean not null,
    body              text not null check (length(body) between 1 and 4000),
    staff_account_id  bigint,
    created_at        timestamptz not null default now()
);
create index inquiry_child_message_thread_idx on inquiry_child_message (thread_id, id);
