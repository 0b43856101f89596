-- SPDX-License-Identifier: AGPL-3.0-or-later
-- opendata: the catalog. Live datasets (contributed by modules through DatasetSource) get a row the first time the
-- catalog sees them, so staff can edit their texts; uploaded datasets keep every version of their file.

create table opendata_dataset (
    id               uuid primary key,
    name             varchar(100) not null unique check (name ~ '^[a-z0-9][a-z0-9-]{1,99}$'),
    kind             varchar(10) not null check (kind in ('LIVE', 'UPLOADED')),
    file_slug        varchar(100) not null unique check (file_slug ~ '^[a-z0-9_]{2,100}$'),
    standard_number  varchar(4),
    layout_code      varchar(64),                              -- uploaded: the declared layout
    title_ja         varchar(200) not null,
    title_en         varchar(200) not null default '',
    description_ja   varchar(4000) not null default '',
    description_en   varchar(4000) not null default '',
    department_code  varchar(64) not null,
    category         varchar(40) not null,
    tags             text[] not null default '{}',
    licence          varchar(20) not null default 'CC-BY-4.0' check (licence in ('CC-BY-4.0', 'PDL-1.0', 'other-at')),
    attribution_ja   varchar(1000) not null default '',       -- extra attribution (third-party sources)
    attribution_en   varchar(1000) not null default '',
    frequency        varchar(20) not null,
    temporal_start   date,
    temporal_end     date,
    spatial_ja       varchar(200) not null default '',
    contact_email    varchar(320) not null default '',
    generated        boolean not null default false,          -- made-up demo data, labelled as such everywhere
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create table opendata_version (
    dataset_id   uuid not null references opendata_dataset (id),
    version      integer not null check (version >= 1),
    file_name    varchar(255) not null,
    content      bytea not null,                              -- the rows re-written in the layout: UTF-8 with BOM, CRLF
    row_count    integer not null,
    sha256       char(64) not null,
    uploaded_by  bigint,                                      -- staff account id; null for the demo
    uploaded_at  timestamptz not null,
    note         varchar(500) not null default '',
    primary key (dataset_id, version)
);

-- When a dataset's data revision was first seen: Last-Modified of its files (strictly increasing per dataset, in
-- whole seconds, so If-Modified-Since never matches a changed file).
create table opendata_file_state (
    dataset_name  varchar(100) primary key,
    revision      varchar(200) not null,
    seen_at       timestamptz not null
);

-- A change counter of the catalog, bumped by statement triggers, so every instance can tell with one tiny query
-- whether its in-memory catalog is current; epoch tells this database from another (ETags survive no reset).
create table opendata_revision (
    id     boolean primary key default true check (id),
    rev    bigint not null,
    epoch  uuid not null
);
insert into opendata_revision (id, rev, epoch) values (true, 1, gen_random_uuid());

create function opendata_revision_bump() returns trigger language plpgsql as $$
begin
    update opendata_revision set rev = rev + 1 where id;
    return null;
end
$$;
create trigger opendata_revision_dataset before insert or update or delete or truncate on opendata_dataset
    for each statement execute function opendata_revision_bump();
create trigger opendata_revision_version before insert or update or delete or truncate on opendata_version
    for each statement execute function opendata_revision_bump();
