-- notification: topics and areas residents subscribe to, lists run by schools and nurseries, notices staff send,
-- personal notices from other modules' events, and the delivery of all of them by mail (one row per recipient).

-- Topics the ward edits (防災気象, 防犯・安全安心 ...). The code is stable (URLs, the API, feeds); names are edited.
create table notification_topic (
    code           varchar(40)  primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name_ja        varchar(100) not null,
    name_en        varchar(100) not null,
    description_ja varchar(300) not null default '',
    description_en varchar(300) not null default '',
    position       integer      not null default 0,
    active         boolean      not null default true,
    created_at     timestamptz  not null default now()
);

-- Lists run by schools and nurseries (緊急一斉メール連絡網): parents join with the list's code, its staff send to it.
create table notification_list (
    id         bigserial    primary key,
    name_ja    varchar(100) not null,
    name_en    varchar(100) not null,
    kind       varchar(16)  not null check (kind in ('SCHOOL', 'NURSERY', 'OTHER')),
    join_code  varchar(16)  not null unique,
    active     boolean      not null default true,
    created_at timestamptz  not null default now()
);
-- the staff accounts (identity's account ids) who send to a list and see its members
create table notification_list_staff (
    list_id    bigint not null references notification_list (id) on delete cascade,
    account_id bigint not null,
    primary key (list_id, account_id)
);

-- One person's subscription on one channel: the ward's information mail (topics x areas; list_id null) or one list.
-- PENDING until the link in the confirmation mail is confirmed (double opt-in), ACTIVE after; deleted when the
-- person unsubscribes from everything (notification_unsubscribe keeps the count, not the person).
create table notification_subscription (
    id                 bigserial    primary key,
    list_id            bigint       references notification_list (id) on delete cascade,
    email              varchar(254) not null check (email = lower(email)),
    account_id         bigint,
    language           varchar(2)   not null check (language in ('ja', 'en')),
    channel            varchar(16)  not null default 'EMAIL' check (channel in ('EMAIL')),
    status             varchar(16)  not null check (status in ('PENDING', 'ACTIVE')),
    -- a list member's note for the school (the child's name and class), shown to the list's staff only
    label              varchar(100),
    -- "within radius_m of a point": the districts whose centre lies inside are stored as derived areas
    near_lat           double precision,
    near_lon           double precision,
    near_radius_m      integer      check (near_radius_m between 100 and 5000),
    confirm_token_hash varchar(64)  unique,
    -- when a confirmation (or "you are already subscribed") mail last went to the address: one per 10 minutes
    mailed_at          timestamptz,
    created_at         timestamptz  not null default now(),
    confirmed_at       timestamptz,
    updated_at         timestamptz  not null default now(),
    check ((near_lat is null) = (near_radius_m is null) and (near_lat is null) = (near_lon is null))
);
create unique index notification_subscription_email_uq on notification_subscription (coalesce(list_id, 0), email);
create index notification_subscription_account_idx on notification_subscription (account_id) where account_id is not null;
create index notification_subscription_list_idx on notification_subscription (list_id, status) where list_id is not null;

create table notification_subscription_topic (
    subscription_id bigint      not null references notification_subscription (id) on delete cascade,
    topic_code      varchar(40) not null references notification_topic (code),
    primary key (subscription_id, topic_code)
);
create index notification_subscription_topic_idx on notification_subscription_topic (topic_code, subscription_id);

-- A subscription with no area rows hears about the whole ward.
create table notification_subscription_area (
    subscription_id bigint       not null references notification_subscription (id) on delete cascade,
    district        varchar(100) not null,
    -- true when the district came from the radius around a point, not from the person's own choice
    derived         boolean      not null default false,
    primary key (subscription_id, district)
);
create index notification_subscription_area_idx on notification_subscription_area (district, subscription_id);

-- Who unsubscribed from what, when and how: counts for the dashboard, nothing that names the person.
create table notification_unsubscribe (
    id         bigserial   primary key,
    at         timestamptz not null default now(),
    topic_code varchar(40),
    list_id    bigint,
    via        varchar(16) not null check (via in ('ONE_CLICK', 'PAGE', 'ACCOUNT', 'API'))
);
create index notification_unsubscribe_at_idx on notification_unsubscribe (at);

-- Addresses that must not be mailed again (hard bounces, complaints, staff).
create table notification_suppression (
    email      varchar(254) primary key check (email = lower(email)),
    reason     varchar(16)  not null check (reason in ('BOUNCE', 'COMPLAINT', 'STAFF')),
    detail     varchar(300),
    created_at timestamptz  not null default now()
);

-- Staff who may send ward notices, and who is on the ward's duty role (may send emergency notices at once).
create table notification_sender (
    account_id bigint      primary key,
    may_send   boolean     not null default true,
    on_duty    boolean     not null default false,
    updated_by bigint,
    updated_at timestamptz not null default now()
);

-- A notice: to a topic (in areas, or ward-wide) or to a list.
create table notification_notice (
    id           bigserial    primary key,
    topic_code   varchar(40)  references notification_topic (code),
    list_id      bigint       references notification_list (id),
    priority     varchar(16)  not null check (priority in ('EMERGENCY', 'NORMAL', 'BULK')),
    status       varchar(20)  not null check (status in ('DRAFT', 'AWAITING_APPROVAL', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
    title_ja     varchar(200),
    body_ja      text,
    title_en     varchar(200),
    body_en      text,
    expires_at   timestamptz,
    scheduled_at timestamptz,
    created_by   bigint       not null,
    created_at   timestamptz  not null default now(),
    approved_by  bigint,
    approved_at  timestamptz,
    -- "send": the moment the recipients were written (in the same transaction)
    released_at  timestamptz,
    released_by  bigint,
    finished_at  timestamptz,
    recipients   integer      not null default 0,
    suppressed   integer      not null default 0,
    demo         boolean      not null default false,
    check ((topic_code is null) <> (list_id is null)),
    check ((title_ja is null) = (body_ja is null) and (title_en is null) = (body_en is null)),
    check (title_ja is not null or title_en is not null)
);
create index notification_notice_public_idx on notification_notice (released_at desc) where list_id is null and released_at is not null;
create index notification_notice_status_idx on notification_notice (status, scheduled_at);
-- the districts a notice is for; none: ward-wide
create table notification_notice_area (
    notice_id bigint       not null references notification_notice (id) on delete cascade,
    district  varchar(100) not null,
    primary key (notice_id, district)
);
create index notification_notice_area_idx on notification_notice_area (district, notice_id);

-- Personal notices: one per person and event, from other modules' events (rules staff switch on and word).
create table notification_personal (
    id              bigserial    primary key,
    type_code       varchar(60)  not null,
    idempotency_key varchar(200) not null,
    account_id      bigint,
    email           varchar(254) check (email = lower(email)),
    language        varchar(2)   not null check (language in ('ja', 'en')),
    title           varchar(300) not null,
    body            text         not null,
    reason          text         not null,
    link            varchar(500),
    created_at      timestamptz  not null default now(),
    read_at         timestamptz,
    check (account_id is not null or email is not null)
);
create unique index notification_personal_once_uq
    on notification_personal (type_code, idempotency_key, coalesce(account_id, 0), coalesce(email, ''));
create index notification_personal_account_idx on notification_personal (account_id, created_at desc) where account_id is not null;

-- The rules: which personal notice types are on, and their wording (null: the type's default wording).
create table notification_rule (
    type_code  varchar(60)  primary key,
    enabled    boolean      not null,
    subject_ja varchar(300),
    body_ja    text,
    subject_en varchar(300),
    body_en    text,
    reason_ja  varchar(500),
    reason_en  varchar(500),
    updated_by bigint,
    updated_at timestamptz  not null default now()
);

-- A person's choice per personal notice type: by mail and in My Page (no row), My Page only, or not at all.
create table notification_personal_choice (
    type_code  varchar(60)  not null,
    account_id bigint,
    email      varchar(254) check (email = lower(email)),
    mode       varchar(12)  not null check (mode in ('INBOX_ONLY', 'OFF')),
    created_at timestamptz  not null default now(),
    check (account_id is not null or email is not null)
);
create unique index notification_personal_choice_uq
    on notification_personal_choice (type_code, coalesce(account_id, 0), coalesce(email, ''));

-- What a resident told Machi for "services you may be eligible for".
create table notification_profile (
    account_id bigint      primary key,
    district   varchar(100),
    age_band   varchar(8)  check (age_band in ('U20', '20S', '30S', '40S', '50S', '60S', '70S', '80P')),
    updated_at timestamptz not null default now()
);
create table notification_profile_child (
    account_id  bigint not null references notification_profile (account_id) on delete cascade,
    birth_month date   not null check (extract(day from birth_month) = 1),
    primary key (account_id, birth_month)
);

-- "Services you may be eligible for": staff say whom a service is for; matching residents get a personal notice.
create table notification_eligibility (
    id                   bigserial    primary key,
    title_ja             varchar(200) not null,
    body_ja              text         not null,
    title_en             varchar(200),
    body_en              text,
    link                 varchar(500),
    districts            text[]       not null default '{}',
    age_bands            text[]       not null default '{}',
    child_min_months     integer      check (child_min_months between 0 and 240),
    child_max_months     integer      check (child_max_months between 0 and 240),
    active               boolean      not null default true,
    created_by           bigint       not null,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    check ((title_en is null) = (body_en is null)),
    check (child_min_months is null or child_max_months is null or child_min_months <= child_max_months)
);

-- One mail to one recipient: of a notice, or of a personal notice. Written QUEUED with the notice (same
-- transaction); a lane's worker claims a batch (SENDING, with a lease), sends it over one SMTP session and records
-- the outcome. A claim whose lease ran out (the instance died) is QUEUED again: only that batch may go twice, with
-- the same Message-ID (made from the row's id). Lanes: 0 emergency, 1 transactional, 2 bulk.
create table notification_delivery (
    id              bigserial    primary key,
    notice_id       bigint       references notification_notice (id),
    personal_id     bigint       references notification_personal (id),
    subscription_id bigint,
    account_id      bigint,
    topic_code      varchar(40),
    lane            smallint     not null check (lane between 0 and 2),
    -- null once the person's data was erased (the count stays)
    email           varchar(254),
    language        varchar(2)   not null check (language in ('ja', 'en')),
    status          varchar(8)   not null check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED')),
    attempts        smallint     not null default 0,
    next_attempt_at timestamptz  not null default now(),
    lease_until     timestamptz,
    queued_at       timestamptz  not null default now(),
    sent_at         timestamptz,
    error           varchar(300),
    read_at         timestamptz,
    check ((notice_id is null) <> (personal_id is null))
);
create index notification_delivery_due_idx on notification_delivery (lane, next_attempt_at, id) where status = 'QUEUED';
create index notification_delivery_lease_idx on notification_delivery (lease_until) where status = 'SENDING';
create index notification_delivery_notice_idx on notification_delivery (notice_id, status) where notice_id is not null;
create index notification_delivery_account_idx on notification_delivery (account_id, queued_at desc) where account_id is not null;
create index notification_delivery_subscription_idx on notification_delivery (subscription_id) where subscription_id is not null;
create index notification_delivery_personal_idx on notification_delivery (personal_id) where personal_id is not null;

-- The key for unsubscribe and preference links (HMAC), made at the first start unless configured.
create table notification_secret (
    id     smallint primary key check (id = 1),
    secret bytea    not null
);
