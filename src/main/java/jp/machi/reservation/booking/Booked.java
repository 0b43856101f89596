package jp.machi.reservation.booking;

/** The result of a booking request: the booking and whether this request made it (false: the same key again). */
public record Booked(Booking booking, boolean created) {}
