-- SPDX-License-Identifier: AGPL-3.0-or-later
-- opendata_revision is never given the same number twice. With rev = rev + 1 a rolled-back change took its number
-- back, and the next change got it again: a cache filled inside the rolled-back transaction (the open data file, an
-- in-memory snapshot) then answered for different data under the same number. A sequence is not rolled back.
create sequence opendata_revision_seq;
select setval('opendata_revision_seq', (select rev from opendata_revision));

create or replace function opendata_revision_bump() returns trigger language plpgsql as $$
begin
    update opendata_revision set rev = nextval('opendata_revision_seq') where id;
    return null;
end
$$;
