-- まちレポ: resident reports of local problems. Shaped so that the Open311 GeoReport v2 API can be served
-- straight from these tables (service_code = report_category.code, service_request_id = report.id,
-- token = report.public_token, requested/updated/expected datetimes, agency_responsible = department).

create table report_category (
    code                      varchar(64) primary key,          -- Open311 service_code
    name_ja                   varchar(200) not null,
    name_en                   varchar(200) not null,
    description_ja            varchar(1000) not null default '',
    description_en            varchar(1000) not null default '',
    group_ja                  varchar(200) not null default '',  -- Open311 group
    group_en                  varchar(200) not null default '',
    keywords                  varchar(500) not null default '',  -- Open311 keywords, comma separated
    department_code           varchar(64) not null,
    target_working_days       integer not null check (target_working_days between 1 and 365),
    publish_requires_approval boolean not null default false,
    active                    boolean not null default true,
    sort_order                integer not null default 0
);

create table report_category_attribute (
    category_code  varchar(64) not null references report_category (code),
    code           varchar(64) not null,
    datatype       varchar(20) not null check (datatype in ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required       boolean not null default false,
    variable       boolean not null default true,                -- Open311: false = informational only
    sort_order     integer not null default 0,
    description_ja varchar(500) not null,
    description_en varchar(500) not null,
    primary key (category_code, code)
);

create table report_category_attribute_value (
    category_code  varchar(64) not null,
    attribute_code varchar(64) not null,
    key            varchar(64) not null,
    name_ja        varchar(200) not null,
    name_en        varchar(200) not null,
    sort_order     integer not null default 0,
    primary key (category_code, attribute_code, key),
    foreign key (category_code, attribute_code) references report_category_attribute (category_code, code)
);

create table report (
    id                   bigserial primary key,               -- Open311 service_request_id
    public_token         varchar(40) not null unique,         -- Open311 tokens/{token}
    category_code        varchar(64) not null references report_category (code),
    description          varchar(4000) not null check (char_length(description) between 1 and 4000),
    lat                  double precision not null check (lat between -90 and 90),
    lon                  double precision not null check (lon between -180 and 180),
    address              varchar(300) not null default '',
    status               varchar(20) not null check (status in ('RECEIVED', 'IN_PROGRESS', 'RESOLVED', 'NOT_ACTIONABLE', 'FORWARDED')),
    status_reason        varchar(2000),                       -- public; required for NOT_ACTIONABLE and FORWARDED
    department_code      varchar(64) not null,                -- current responsible department (agency_responsible)
    assignee_account_id  bigint,
    reporter_account_id  bigint,
    reporter_email       varchar(320),
    reporter_name        varchar(200),
    reporter_name_public boolean not null default false,
    language             varchar(5) not null default 'ja',
    entered_by_staff_id  bigint,                              -- 代理入力: the staff member who took a phone call
    published            boolean not null default false,
    demo                 boolean not null default false,
    requested_at         timestamptz not null,
    updated_at           timestamptz not null,
    due_date             date not null,                       -- Open311 expected_datetime
    resolved_at          timestamptz
);

create index report_status_requested_idx on report (status, requested_at);
create index report_category_idx on report (category_code);
create index report_lat_lon_idx on report (lat, lon);
create index report_department_status_idx on report (department_code, status);
create index report_requested_idx on report (requested_at);
create index report_reporter_idx on report (reporter_account_id);

create table report_attribute_value (
    report_id      bigint not null references report (id) on delete cascade,
    attribute_code varchar(64) not null,
    ordinal        integer not null default 0,                -- multivaluelist: one row per chosen key
    value          varchar(2000) not null,
    primary key (report_id, attribute_code, ordinal)
);

-- Only processed images: re-encoded JPEG without any metadata. The original upload is never stored.
create table report_photo (
    id           bigserial primary key,
    report_id    bigint not null references report (id) on delete cascade,
    ordinal      integer not null,
    stage        varchar(10) not null check (stage in ('BEFORE', 'AFTER')),
    content_type varchar(50) not null,
    web_image    bytea not null,
    width        integer not null,
    height       integer not null,
    thumbnail    bytea not null,
    thumb_width  integer not null,
    thumb_height integer not null,
    redacted     boolean not null default false,
    created_at   timestamptz not null,
    unique (report_id, ordinal)
);

create table report_follower (
    id          bigserial primary key,
    report_id   bigint not null references report (id) on delete cascade,
    account_id  bigint,
    email       varchar(320),
    language    varchar(5) not null default 'ja',
    created_at  timestamptz not null,
    check (account_id is not null or email is not null)
);
create unique index report_follower_account_idx on report_follower (report_id, account_id) where account_id is not null;
create unique index report_follower_email_idx on report_follower (report_id, lower(email)) where email is not null;

create table report_update (
    id              bigserial primary key,
    report_id       bigint not null references report (id) on delete cascade,
    kind            varchar(10) not null check (kind in ('PUBLIC', 'INTERNAL')),
    text            varchar(4000) not null default '',
    status_from     varchar(20),
    status_to       varchar(20),
    department_from varchar(64),
    department_to   varchar(64),
    author_staff_id bigint,
    created_at      timestamptz not null
);
create index report_update_report_idx on report_update (report_id, created_at);

create table report_response_template (
    id              bigserial primary key,
    department_code varchar(64) not null,
    title           varchar(200) not null,
    text            varchar(4000) not null,
    unique (department_code, title)
);
