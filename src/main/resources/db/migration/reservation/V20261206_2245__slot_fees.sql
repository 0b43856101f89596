-- reservation: fees that differ by slot (午前・午後・夜間 at different prices), set on a rule: for the rooms the rule
-- applies to, a slot with a row here costs these amounts instead of the rule's fees.
create table reservation_rule_slot_fee (
    rule_id          bigint      not null references reservation_rule (id) on delete cascade,
    slot_code        varchar(16) not null check (slot_code ~ '^[a-z0-9-]{1,16}$'),
    fee_resident     integer     not null check (fee_resident >= 0),
    fee_non_resident integer     not null check (fee_non_resident >= 0),
    fee_commercial   integer     not null check (fee_commercial >= 0),
    primary key (rule_id, slot_code)
);
