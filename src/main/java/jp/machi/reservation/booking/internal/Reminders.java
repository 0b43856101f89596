package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import jp.machi.reservation.booking.Booking;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reminder of a booking the day before the day of use (each booking once). */
@Service
public class Reminders {

    private final BookingRepository repository;
    private final BookingMail mail;

    Reminders(BookingRepository repository, BookingMail mail) {
        this.repository = repository;
        this.mail = mail;
    }

    /** Reminds once of every confirmed booking of the next day (in Tokyo) of {@code now}. */
    @Transactional
    public int dayBefore(Instant now) {
        LocalDate tomorrow = now.atZone(MachiClock.ZONE).toLocalDate().plusDays(1);
        int n = 0;
        for (Booking b : repository.dayBefore(tomorrow)) {
            if (repository.markDayReminded(b.id(), now)) {
                mail.reminder(b);
                n++;
            }
        }
        return n;
    }
}
