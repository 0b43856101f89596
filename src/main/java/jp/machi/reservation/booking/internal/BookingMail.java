package jp.machi.reservation.booking.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import jp.machi.identity.AccountSummary;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.Accounts;
import jp.machi.mail.Mailer;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.money.PaymentDeadline;
import jp.machi.reservation.money.Penalties;
import jp.machi.reservation.money.ReductionCategory;
import jp.machi.shared.time.Wareki;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every mail the booking core sends to a booker (templates {@code mail/reservation/booking/*}), in their language, from
 * one place. Mail goes to the outbox in the caller's transaction: a rolled-back action sends nothing. A booking whose
 * room can no longer be booked online, or whose booker has no address, is not mailed about.
 */
@Component
public class BookingMail {

    private final BookableRooms rooms;
    private final Accounts accounts;
    private final Mailer mailer;
    private final String baseUrl;

    BookingMail(BookableRooms rooms, Accounts accounts, Mailer mailer, @Value("${machi.base-url}") String baseUrl) {
        this.rooms = rooms;
        this.accounts = accounts;
        this.mailer = mailer;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A booking confirmed at once (a group's, a counter's). */
    public void booked(Booking b, BookableRoom room) {
        send(b, room, "booked", Map.of());
    }

    /** The booker cancelled (or a checkout hold was released). */
    public void cancelled(Booking b) {
        send(b, "cancelled", Map.of());
    }

    public void cancelledByStaff(Booking b, String reason) {
        send(b, "cancelled-by-staff", Map.of("reason", reason));
    }

    /** A hold confirmed: the fee, the payment deadline and whether a reduction was asked for. */
    public void confirmed(Booking b, PaymentDeadline deadline, ReductionCategory reduction) {
        rooms.room(b.roomId()).ifPresent(room -> confirmed(b, room, deadline, reduction));
    }

    /** {@link #confirmed(Booking, PaymentDeadline, ReductionCategory)} when the caller has the room already. */
    public void confirmed(Booking b, BookableRoom room, PaymentDeadline deadline, ReductionCategory reduction) {
        confirmed(b, room, deadline, reduction, null);
    }

    /**
     * {@link #confirmed(Booking, BookableRoom, PaymentDeadline, ReductionCategory)} to {@code booker}, the booker's account
     * as the caller read it in this request (null: read it here).
     */
    void confirmed(Booking b, BookableRoom room, PaymentDeadline deadline, ReductionCategory reduction, AccountSummary booker) {
        Map<String, Object> extra = Map.of("deadline", deadline(deadline, Locale.JAPANESE),
            "deadlineEn", deadline(deadline, Locale.ENGLISH), "reduction", reduction == null ? "" : reduction.code(),
            "due", b.fee() > 0 && deadline.possible());
        if (booker != null && booker.id() == b.bookerAccountId()) {
            send(b, room, booker, "confirmed", extra);
        } else {
            send(b, room, "confirmed", extra);
        }
    }

    public void paymentDue(Booking b, PaymentDeadline deadline) {
        send(b, "payment-due", Map.of("deadline", deadline(deadline, Locale.JAPANESE),
            "deadlineEn", deadline(deadline, Locale.ENGLISH)));
    }

    /** A payment deadline in words: 令和8年12月8日（火） 21:00 / Tue 8 December 2026, 21:00. */
    static String deadline(PaymentDeadline d, Locale locale) {
        if (!d.possible()) {
            return "";
        }
        LocalDate day = d.day();
        String time = d.local().toLocalTime().toString();
        String dow = day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, locale);
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
            ? dow + " " + day.getDayOfMonth() + " " + day.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH)
                + " " + day.getYear() + ", " + time
            : Wareki.format(day, Locale.JAPANESE) + "（" + dow + "） " + time;
    }

    public void unpaidCancelled(Booking b) {
        send(b, "unpaid-cancelled", Map.of());
    }

    /**
     * {@link #unpaidCancelled(Booking)} for many bookings at once (the payment job's batch): each room and each booker
     * is read once for the batch, not once per booking.
     */
    public void unpaidCancelled(List<Booking> bookings) {
        Map<Long, AccountSummary> bookers = accounts.findAll(bookings.stream().map(Booking::bookerAccountId).toList());
        Map<Long, Optional<BookableRoom>> roomsById = new HashMap<>();
        for (Booking b : bookings) {
            AccountSummary a = bookers.get(b.bookerAccountId());
            if (a == null || a.email() == null || a.email().isBlank()) {
                continue;
            }
            roomsById.computeIfAbsent(b.roomId(), rooms::room)
                .ifPresent(room -> send(b, room, a, "unpaid-cancelled", Map.of()));
        }
    }

    public void reductionDecided(Booking b, boolean approved, ReductionCategory c) {
        send(b, approved ? "reduction-approved" : "reduction-rejected",
            Map.of("categoryJa", c.labelJa(), "categoryEn", c.labelEn(), "percent", c.percent()));
    }

    /** Points for a late cancellation or a no-show, and the suspension they caused if any. */
    public void penalty(Booking b, String reason, int points, Penalties.Outcome outcome) {
        Map<String, Object> model = new HashMap<>();
        boolean suspended = outcome.newSuspension() != null;
        model.put("reason", reason);
        model.put("points", points);
        model.put("total", suspended ? outcome.reached() : outcome.points());
        model.put("threshold", outcome.threshold());
        model.put("suspended", suspended);
        model.put("until", suspended ? Wareki.format(outcome.suspendedUntil(), Locale.JAPANESE) : "");
        model.put("untilEn", suspended ? Wareki.format(outcome.suspendedUntil(), Locale.ENGLISH) : "");
        send(b, "penalty", model);
    }

    private void send(Booking b, String template, Map<String, Object> extra) {
        rooms.room(b.roomId()).ifPresent(room -> send(b, room, template, extra));
    }

    private void send(Booking b, BookableRoom room, String template, Map<String, Object> extra) {
        accounts.find(b.bookerAccountId()).ifPresent(a -> send(b, room, a, template, extra));
    }

    private void send(Booking b, BookableRoom room, AccountSummary a, String template, Map<String, Object> extra) {
        if (a.email() == null || a.email().isBlank()) {
            return;
        }
        Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
        Map<String, Object> model = new HashMap<>(extra);
        model.put("id", b.id());
        model.put("name", a.displayName());
        model.put("facility", room.facility().name().in(locale));
        model.put("room", room.room().name().in(locale));
        model.put("date", Wareki.format(b.date(), locale));
        model.put("slot", room.slot(b.slotCode()).map(s -> s.label(locale)).orElse(b.slotCode()));
        model.put("time", b.start() + "–" + b.end());
        model.put("fee", String.format(Locale.ROOT, "%,d", b.fee()));
        model.put("refund", String.format(Locale.ROOT, "%,d", b.refund() == null ? 0 : b.refund()));
        model.put("paid", b.paid());
        model.put("link", baseUrl + "/account/bookings/" + b.id());
        mailer.send(a.email(), "reservation/booking/" + template, locale, model);
    }
}
