package jp.machi.reservation.booking.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /api/v1/bookings}: which unit, day and slot, and optionally commercial use and a reduction to
 * ask for. Bound and checked before anything is booked: a missing or malformed member is a 400 that names it.
 *
 * @param roomId     the room: a whole number (or a string of digits)
 * @param date       the day of use, {@code YYYY-MM-DD}
 * @param slot       the slot's code ({@code am} …)
 * @param part       the part of a splittable room; absent or null for the whole room
 * @param commercial true for commercial use (営利目的); absent means false
 * @param reduction  a reduction category's code to ask for; absent or null for none
 */
record BookingBody(@NotNull @Pattern(regexp = "\\d{1,18}") @JsonDeserialize(using = StrictJson.Id.class) String roomId,
                   @NotNull LocalDate date,
                   @NotNull @Pattern(regexp = "[a-z0-9-]{1,16}") @JsonDeserialize(using = StrictJson.Text.class) String slot,
                   @Pattern(regexp = "[a-z0-9-]{1,16}") @JsonDeserialize(using = StrictJson.Text.class) String part,
                   @JsonDeserialize(using = StrictJson.Flag.class) Boolean commercial,
                   @JsonDeserialize(using = StrictJson.Text.class) String reduction) {

    long room() {
        return Long.parseLong(roomId);
    }

    boolean forCommercialUse() {
        return Boolean.TRUE.equals(commercial);
    }
}
