-- reservation: staff at a counter check the evidence of a booker's declared residency (在住/在勤/在学). Only the kind
-- of document is kept, never its number.
alter table reservation_booker
    add column evidence_kind varchar(20)
        check (evidence_kind in ('my-number-card', 'driver-licence', 'health-insurance', 'residence-card',
                                 'employee-id', 'student-id', 'other')),
    add constraint reservation_booker_evidence_ck
        check ((evidence_checked_at is null) = (evidence_kind is null) and (evidence_checked_at is null) = (evidence_checked_by is null));
