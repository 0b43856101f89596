-- Splittable rooms (体育館 A面/B面, 集会室 1/2): a room with rows here can be booked whole or by part.
-- A booking with part_code null books the whole room; with a part code, that part only.
create table reservation_room_part (
    room_id     bigint      not null,
    code        varchar(16) not null check (code ~ '^[a-z0-9-]{1,16}$'),
    label_ja    varchar(40) not null,
    label_en    varchar(40) not null,
    capacity    integer check (capacity >= 0),
    sort_order  integer     not null default 0,
    primary key (room_id, code)
);

alter table reservation_booking add column part_code varchar(16);
-- a part booking names a part that exists (and the part cannot be removed while bookings name it)
alter table reservation_booking add constraint reservation_booking_part_fk
    foreign key (room_id, part_code) references reservation_room_part (room_id, code);

-- One active booking per unit and slot: the whole room (part_code null) and each part are units of their own.
-- This index decides same-unit races (ON CONFLICT DO NOTHING gives the loser no row back).
drop index reservation_booking_active_slot_uq;
create unique index reservation_booking_active_unit_uq on reservation_booking (room_id, part_code, use_date, slot_code)
    nulls not distinct where status in ('PROVISIONAL', 'CONFIRMED');

-- The claims: one row per unit an active booking occupies. A whole-room booking claims '*' and every part, a
-- part booking its part. The primary key makes a whole-room booking and any part booking of the same slot
-- exclusive, whatever the application does: the triggers below keep the claims in step with the bookings.
create table reservation_claim (
    booking_id bigint      not null references reservation_booking (id) on delete cascade,
    room_id    bigint      not null,
    unit       varchar(16) not null,
    use_date   date        not null,
    slot_code  varchar(16) not null,
    primary key (room_id, use_date, slot_code, unit)
);
create index reservation_claim_booking_idx on reservation_claim (booking_id);

create function reservation_booking_claims() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
       and (old.status in ('PROVISIONAL', 'CONFIRMED')) = (new.status in ('PROVISIONAL', 'CONFIRMED'))
       and old.room_id = new.room_id and old.use_date = new.use_date and old.slot_code = new.slot_code
       and old.part_code is not distinct from new.part_code then
        return null;
    end if;
    if tg_op = 'UPDATE' then
        delete from reservation_claim where booking_id = old.id;
    end if;
    if new.status in ('PROVISIONAL', 'CONFIRMED') then
        -- always in the same order, so two bookings that claim several units never wait on each other in a cycle
        insert into reservation_claim (booking_id, room_id, unit, use_date, slot_code)
        select new.id, new.room_id, u.unit, new.use_date, new.slot_code
        from (select '*'::varchar as unit where new.part_code is null
              union all
              select p.code from reservation_room_part p where new.part_code is null and p.room_id = new.room_id
              union all
              select new.part_code where new.part_code is not null) u
        order by u.unit collate "C";
    end if;
    return null;
end
$$;

create trigger reservation_booking_claims
    after insert or update of status, room_id, use_date, slot_code, part_code on reservation_booking
    for each row execute function reservation_booking_claims();

-- A part added to a room later is claimed at once by the room's active whole-room bookings (fails if a claim
-- would clash); a removed part takes its claims with it.
create function reservation_part_claims() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into reservation_claim (booking_id, room_id, unit, use_date, slot_code)
        select b.id, b.room_id, new.code, b.use_date, b.slot_code from reservation_booking b
        where b.room_id = new.room_id and b.part_code is null and b.status in ('PROVISIONAL', 'CONFIRMED');
    else
        delete from reservation_claim where room_id = old.room_id and unit = old.code;
    end if;
    return null;
end
$$;

create trigger reservation_part_claims after insert or delete on reservation_room_part
    for each row execute function reservation_part_claims();

-- bookings made before this migration
insert into reservation_claim (booking_id, room_id, unit, use_date, slot_code)
select id, room_id, '*', use_date, slot_code from reservation_booking where status in ('PROVISIONAL', 'CONFIRMED');
