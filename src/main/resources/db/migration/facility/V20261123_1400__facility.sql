-- Facility master (施設), its ward-editable categories, rooms (室場), photos and opening-hours rules.
-- The columns cover the 自治体標準オープンデータセット 公共施設一覧, AED設置箇所一覧, 公衆無線LANアクセスポイント一覧
-- and 指定緊急避難場所一覧 so that the standard CSV import/export can map onto them one to one.

create table facility_category (
    code        text primary key check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name_ja     text not null,
    name_en     text not null,
    sort_order  integer not null default 100
);

create table facility (
    id                   text primary key check (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$'),
    name_ja              text not null,
    name_kana            text,
    name_en              text,
    name_common          text,                       -- 通称
    search_text          text not null default '',   -- normalised names and kana for word search
    address              text,
    address_detail       text,                       -- 方書 (building, floor)
    postal_code          text,
    lat                  double precision check (lat between 20 and 46),
    lon                  double precision check (lon between 122 and 154),
    phone                text,
    phone_extension      text,
    fax                  text,
    email                text,
    url                  text,
    department_code      text not null,
    corporate_number     text,                       -- 法人番号 of the operator
    operator_name        text,                       -- 団体名
    floor_area_m2        numeric(10,2),
    capacity             integer check (capacity >= 0),
    -- barrier-free: null means unknown, which is not the same as no
    step_free_entrance   boolean,
    elevator             boolean,
    accessible_toilet    boolean,
    ostomate             boolean,
    accessible_parking   boolean,
    braille_blocks       boolean,
    hearing_loop         boolean,
    nursing_room         boolean,                    -- 授乳室
    -- AED設置箇所一覧
    aed                  boolean,
    aed_location         text,
    aed_count            integer check (aed_count >= 0),
    aed_available_hours  text,
    aed_pads_child       boolean,
    -- 公衆無線LANアクセスポイント一覧
    wifi                 boolean,
    wifi_provider        text,
    wifi_ssid            text,
    wifi_url             text,
    -- 指定緊急避難場所一覧 (hazards the site is designated for) and 指定避難所
    hazard_flood         boolean not null default false,
    hazard_landslide     boolean not null default false,
    hazard_storm_surge   boolean not null default false,
    hazard_earthquake    boolean not null default false,
    hazard_tsunami       boolean not null default false,
    hazard_fire          boolean not null default false,
    hazard_inland_flood  boolean not null default false,
    hazard_volcano       boolean not null default false,
    shelter_accepts      text,                       -- 受入対象者
    gsi_ids              text[] not null default '{}', -- 共通ID of the GSI records merged into this facility
    languages            text[] not null default '{}',
    notes                text,
    hours_note           text,                       -- 利用可能時間特記事項
    demo_values          boolean not null default false,
    source               text,
    attribution          text,
    -- opening-hours rules (the hours themselves are computed, never stored)
    year_end_from        text check (year_end_from ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
    year_end_to          text check (year_end_to ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
    weekly_closed_day    smallint check (weekly_closed_day between 1 and 7),
    holiday_rule         text not null default 'CLOSE_ANYWAY' check (holiday_rule in ('CLOSE_ANYWAY', 'OPEN_CLOSE_NEXT_WEEKDAY')),
    closed_on_holidays   boolean not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check ((lat is null) = (lon is null)),
    check ((year_end_from is null) = (year_end_to is null))
);
create index facility_lat_lon on facility (lat, lon);
create index facility_department on facility (department_code);
create index facility_name on facility (name_kana, name_ja);

create table facility_category_link (
    facility_id   text not null references facility (id) on delete cascade,
    category_code text not null references facility_category (code) on delete cascade,
    primary key (facility_id, category_code)
);
create index facility_category_link_category on facility_category_link (category_code, facility_id);

create table room (
    id             bigint generated always as identity primary key,
    facility_id    text not null references facility (id) on delete cascade,
    name_ja        text not null,
    name_en        text,
    capacity       integer check (capacity >= 0),
    floor_area_m2  numeric(10,2) check (floor_area_m2 >= 0),
    equipment      text,
    bookable       boolean not null default false,
    sort_order     integer not null default 100,
    demo_values    boolean not null default false
);
create index room_facility on room (facility_id);

create table facility_photo (
    id            bigint generated always as identity primary key,
    facility_id   text not null references facility (id) on delete cascade,
    content_type  text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    bytes         bytea not null,
    alt_ja        text not null,
    alt_en        text,
    credit        text,
    sort_order    integer not null default 100,
    created_at    timestamptz not null default now()
);
create index facility_photo_facility on facility_photo (facility_id);

-- weekly pattern: several periods a day allowed (e.g. 9:00-12:00 and 13:00-17:00)
create table facility_hours (
    facility_id  text not null references facility (id) on delete cascade,
    weekday      smallint not null check (weekday between 1 and 7),   -- ISO: 1 = Monday
    opens        time not null,
    closes       time not null,
    check (opens < closes),
    primary key (facility_id, weekday, opens)
);

-- exceptions by date: closed, or special hours (several rows on one date = several periods)
create table facility_hours_exception (
    id           bigint generated always as identity primary key,
    facility_id  text not null references facility (id) on delete cascade,
    day          date not null,
    closed       boolean not null,
    opens        time,
    closes       time,
    reason_ja    text,
    reason_en    text,
    check ((closed and opens is null and closes is null) or (not closed and opens is not null and closes is not null and opens < closes))
);
create index facility_hours_exception_day on facility_hours_exception (facility_id, day);

-- the initial taxonomy; the ward edits it at /staff/facilities/categories
insert into facility_category (code, name_ja, name_en, sort_order) values
  ('kumin-kan', '区民館', 'Community hall', 10),
  ('chiiki-shukaijo', '地域集会所', 'Neighbourhood meeting house', 20),
  ('taiikukan', '体育館', 'Gymnasium', 30),
  ('toshokan', '図書館', 'Library', 40),
  ('school', '区立学校', 'Ward school', 50),
  ('hoikuen', '保育園', 'Nursery school', 60),
  ('jidokan', '児童館', 'Children''s centre', 70),
  ('iryo', '医療機関', 'Medical institution', 80),
  ('kaigo', '介護事業所', 'Care service provider', 90),
  ('park', '公園', 'Park', 100),
  ('shelter', '指定避難所', 'Designated shelter', 110),
  ('emergency-site', '指定緊急避難場所', 'Designated emergency evacuation site', 120),
  ('other', 'その他', 'Other', 1000);
