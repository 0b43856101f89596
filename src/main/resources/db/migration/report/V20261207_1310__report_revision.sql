-- SPDX-License-Identifier: AGPL-3.0-or-later
-- A change counter of what the まちレポ open dataset is made of, bumped by statement triggers (as facility_revision):
-- the open data portal regenerates its cached file when it moved, so a download is never stale.
create table report_revision (
    id   boolean primary key default true check (id),
    rev  bigint not null
);
insert into report_revision (id, rev) values (true, 1);

create function report_revision_bump() returns trigger language plpgsql as $$
begin
    update report_revision set rev = rev + 1 where id;
    return null;
end
$$;

create trigger report_revision_report before insert or update or delete or truncate on report
    for each statement execute function report_revision_bump();
create trigger report_revision_category before insert or update or delete or truncate on report_category
    for each statement execute function report_revision_bump();
