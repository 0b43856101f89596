-- Facility photos as the report module stores them: a re-encoded web JPEG and a thumbnail, no metadata,
-- alt text in Japanese and English (both required from now on). The table existed unused since 1400.
alter table facility_photo add column width          integer;
alter table facility_photo add column height         integer;
alter table facility_photo add column thumbnail      bytea;
alter table facility_photo add column thumb_width    integer;
alter table facility_photo add column thumb_height   integer;
alter table facility_photo add column created_by     bigint;
create index facility_photo_order on facility_photo (facility_id, sort_order, id);

-- A revision number of everything a facility listing is computed from. Statement-level triggers bump it on
-- every change (staff pages, CSV import, SQL by hand), so every instance can tell with one tiny query whether
-- its in-memory snapshot of the facility list is still current (FacilitySnapshots). BEFORE triggers: a
-- transaction locks the counter row before any facility row, so two writers never wait for each other in
-- opposite orders (with AFTER triggers, two transactions updating two facilities in turn could deadlock).
create table facility_revision (
    id   boolean primary key default true check (id),
    rev  bigint not null
);
insert into facility_revision (id, rev) values (true, 1);

create function facility_revision_bump() returns trigger language plpgsql as $$
begin
    update facility_revision set rev = rev + 1 where id;
    return null;
end
$$;

create trigger facility_revision_facility before insert or update or delete or truncate on facility
    for each statement execute function facility_revision_bump();
create trigger facility_revision_category before insert or update or delete or truncate on facility_category
    for each statement execute function facility_revision_bump();
create trigger facility_revision_category_link before insert or update or delete or truncate on facility_category_link
    for each statement execute function facility_revision_bump();
create trigger facility_revision_hours before insert or update or delete or truncate on facility_hours
    for each statement execute function facility_revision_bump();
create trigger facility_revision_hours_exception before insert or update or delete or truncate on facility_hours_exception
    for each statement execute function facility_revision_bump();
