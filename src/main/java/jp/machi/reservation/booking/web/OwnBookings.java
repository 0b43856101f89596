package jp.machi.reservation.booking.web;

import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.ResidentPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The booking a resident page is about: the resident's own, else 404 (another person's booking is "not there"). */
@Component
class OwnBookings {

    private final Bookings bookings;

    OwnBookings(Bookings bookings) {
        this.bookings = bookings;
    }

    Booking find(String id) {
        long booker = ResidentPages.accountId();
        return Params.id(id).flatMap(bookings::booking).filter(b -> b.bookerAccountId() == booker)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
