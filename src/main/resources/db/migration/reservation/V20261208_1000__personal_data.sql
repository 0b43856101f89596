-- reservation: what account deletion needs (PersonalData erasers of the reservation parts).
-- A paid booking stays for the ward's accounts after its booker deleted their account, pointing to nobody.
alter table reservation_booking add column erased_at timestamptz;
alter table reservation_booking drop constraint reservation_booking_booker_ck;
alter table reservation_booking add constraint reservation_booking_booker_ck
    check (booker_account_id is not null or legacy_booker_id is not null or erased_at is not null);
-- a penalty goes with the booking it names (an erased booker's unpaid bookings are deleted)
alter table reservation_penalty drop constraint reservation_penalty_booking_id_fkey;
alter table reservation_penalty add constraint reservation_penalty_booking_id_fkey
    foreign key (booking_id) references reservation_booking (id) on delete cascade;
-- a group whose representative deleted their account stays (its bookings name it), withdrawn and without them
alter table reservation_group alter column representative_account_id drop not null;
