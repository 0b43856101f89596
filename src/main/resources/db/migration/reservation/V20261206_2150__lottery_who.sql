-- reservation: who may apply in a lottery round (個人・団体・区外), set per round by staff. Groups apply through their
-- representative as applicant_kind GROUP with the group's id: one reference, one chance per group.
alter table reservation_lottery_round
    add column individuals   boolean not null default true,
    add column groups        boolean not null default true,
    add column non_residents boolean not null default true,
    add constraint reservation_lottery_round_who_ck check (individuals or groups),
    add constraint reservation_lottery_round_non_residents_ck check (individuals or not non_residents);
