-- Site searches and what followed them, for the self-resolution rate. One row per "visit": the searches a browser
-- session made on /search within a window of each other, with the answer opened from them. Nothing names a person:
-- the visit is a random id kept only in the browser's session, and neither the query text, the account nor the
-- address is stored. A visit with no inquiry sent from the same session within the window is self-resolved.
create table inquiry_search_visit (
    id            bigserial primary key,
    visit         uuid not null unique,
    first_at      timestamptz not null,
    last_at       timestamptz not null,
    searches      integer not null default 1 check (searches > 0),
    -- the FAQ answer opened after the search, else the best FAQ the search found (null: none)
    faq_id        bigint references inquiry_faq (id) on delete set null,
    category      text,
    answer_opened boolean not null default false,
    inquiry_at    timestamptz
);
create index inquiry_search_visit_first_idx on inquiry_search_visit (first_at);
