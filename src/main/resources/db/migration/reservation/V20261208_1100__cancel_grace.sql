-- reservation: a cancellation shortly after booking costs nothing (issue 14, "Booking without traps").
-- The ward sets the grace period per rule, in minutes (0: none); 30 minutes unless staff change it.
alter table reservation_rule add column cancel_grace_minutes integer not null default 30
    check (cancel_grace_minutes between 0 and 1440);
-- When a booking was confirmed (a checkout hold or a lottery win made final): the grace period runs from then.
-- Null for rows confirmed when they were inserted (their created_at is the moment) and for rows older than this.
alter table reservation_booking add column confirmed_at timestamptz;
