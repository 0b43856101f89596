-- SPDX-License-Identifier: AGPL-3.0-or-later
-- report_revision is never given the same number twice. With rev = rev + 1 a rolled-back change took its number
-- back, and the next change got it again: a cache filled inside the rolled-back transaction (the open data file, an
-- in-memory snapshot) then answered for different data under the same number. A sequence is not rolled back.
create sequence report_revision_seq;
select setval('report_revision_seq', (select rev from report_revision));

create or replace function report_revision_bump() returns trigger language plpgsql as $$
begin
    update report_revision set rev = nextval('report_revision_seq') where id;
    return null;
end
$$;
