package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.identity.Accounts;
import jp.machi.notification.PersonalNotice;
import jp.machi.notification.PersonalNotices;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.time.Wareki;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder of a booking the day before the day of use (each booking once), a personal notice of the type
 * {@code reservation.booking-reminder} (module notification: the booker's My Page inbox and mail, unless staff
 * switched the type off or the booker stopped it). Batched: each batch of bookings is marked reminded with one
 * statement and its notices are queued in the same transaction, so a crash between batches neither loses nor repeats
 * a reminder (and the notice's key keeps a re-run from notifying twice).
 */
@Service
public class Reminders {

    static final int BATCH = 200;

    private final BookingRepository repository;
    private final BookableRooms rooms;
    private final Accounts accounts;
    private final PersonalNotices notices;
    private final TransactionTemplate tx;

    Reminders(BookingRepository repository, BookableRooms rooms, Accounts accounts, PersonalNotices notices, TransactionTemplate tx) {
        this.repository = repository;
        this.rooms = rooms;
        this.accounts = accounts;
        this.notices = notices;
        this.tx = tx;
    }

    /** Reminds once of every confirmed booking of the next day (in Tokyo) of {@code now}; returns how many. */
    public int dayBefore(Instant now) {
        LocalDate tomorrow = now.atZone(MachiClock.ZONE).toLocalDate().plusDays(1);
        Map<Long, Optional<BookableRoom>> roomCache = new HashMap<>();
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> {
                List<Booking> batch = repository.claimDayReminders(tomorrow, now, BATCH);
                for (Booking b : batch) {
                    roomCache.computeIfAbsent(b.roomId(), rooms::room).ifPresent(room -> remind(b, room));
                }
                return batch.size();
            });
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    private void remind(Booking b, BookableRoom room) {
        accounts.find(b.bookerAccountId()).ifPresent(a -> {
            Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
            boolean en = locale == Locale.ENGLISH;
            Map<String, String> values = new LinkedHashMap<>();
            values.put("id", String.valueOf(b.id()));
            values.put("facility", room.facility().name().in(locale));
            values.put("room", room.room().name().in(locale));
            values.put("date", Wareki.format(b.date(), locale));
            values.put("slot", room.slot(b.slotCode()).map(s -> s.label(locale)).orElse(b.slotCode()));
            values.put("time", b.start() + "–" + b.end());
            String fee = String.format(Locale.ROOT, "%,d", b.fee());
            values.put("payment", b.paid() || b.fee() <= 0 ? ""
                : en ? "The fee of ¥" + fee + " is still unpaid." : "使用料 " + fee + "円が未払いです。");
            notices.send(PersonalNotice.toAccount(BookingNotices.REMINDER, "booking:" + b.id() + ":day-before:" + b.date(),
                a.id(), values, "/account/bookings/" + b.id()));
        });
    }
}
