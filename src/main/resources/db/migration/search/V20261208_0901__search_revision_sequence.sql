-- SPDX-License-Identifier: AGPL-3.0-or-later
-- search_revision is never given the same number twice. With rev = rev + 1 a rolled-back change took its number
-- back, and the next change got it again: a cache filled inside the rolled-back transaction (the open data file, an
-- in-memory snapshot) then answered for different data under the same number. A sequence is not rolled back.
create sequence search_revision_seq;
select setval('search_revision_seq', (select rev from search_revision));

create or replace function search_revision_bump() returns trigger language plpgsql as $$
begin
    update search_revision set rev = nextval('search_revision_seq') where id;
    return null;
end
$$;
