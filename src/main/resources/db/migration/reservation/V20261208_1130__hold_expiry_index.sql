-- The hold-expiry job (every minute) finds lapsed PROVISIONAL bookings by their hold's end without reading the table.
create index reservation_booking_hold_idx on reservation_booking (hold_expires_at) where status = 'PROVISIONAL';
