package jp.machi.reservation.booking.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's bookings as a private iCalendar feed: a secret address (created or replaced by the person) that calendar
 * apps read without signing in.
 */
@Service
public class CalendarFeed {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CalendarFeedRepository repository;
    private final BookingRepository bookings;
    private final BookableRooms rooms;
    private final Clock clock;
    private final String baseUrl;
    private final String host;

    CalendarFeed(CalendarFeedRepository repository, BookingRepository bookings, BookableRooms rooms, Clock clock,
                 @Value("${machi.base-url}") String baseUrl) {
        this.repository = repository;
        this.bookings = bookings;
        this.rooms = rooms;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String h = java.net.URI.create(this.baseUrl).getHost();
        this.host = h == null ? "machi" : h;
    }

    public Optional<String> token(long accountId) {
        return repository.token(accountId);
    }

    /** Creates the secret feed address, or replaces it (the old address stops working at once). */
    @Transactional
    public String reset(long accountId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.setToken(accountId, token);
        return token;
    }

    /** The owner of a feed token, empty for a malformed or unknown one. */
    public Optional<Long> owner(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{32,64}")) {
            return Optional.empty();
        }
        return repository.owner(token);
    }

    /** The iCalendar text of the person's active bookings (and those of the last 60 days), in their language. */
    public String calendar(long accountId, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        LocalDate since = LocalDate.now(clock.withZone(MachiClock.ZONE)).minusDays(60);
        List<ICalendar.Event> events = new ArrayList<>();
        Map<Long, Optional<BookableRoom>> byRoom = new HashMap<>();
        for (Booking b : bookings.ofBooker(accountId)) {
            if (!b.active() || b.date().isBefore(since)) {
                continue;
            }
            BookableRoom room = byRoom.computeIfAbsent(b.roomId(), rooms::room).orElse(null);
            String place = room == null ? "" : room.facility().name().in(locale) + " " + room.room().name().in(locale);
            String summary = (en ? "Booking " : "施設予約 ") + place;
            String description = (en ? "Booking " + b.id() + ", fee ¥" : "予約番号 " + b.id() + "、使用料 ")
                + String.format(Locale.ROOT, "%,d", b.fee()) + (en ? "" : "円")
                + (b.paid() ? (en ? " (paid)" : "（支払済）") : (en ? " (unpaid)" : "（未払い）"));
            events.add(new ICalendar.Event("booking-" + b.id() + "@" + host, LocalDateTime.of(b.date(), b.start()),
                LocalDateTime.of(b.date(), b.end()), summary, room == null ? null : room.facility().address(), description,
                baseUrl + "/account/bookings/" + b.id(), b.status() == Booking.Status.PROVISIONAL));
        }
        return ICalendar.write(en ? "Machi bookings" : "施設予約（まち）", clock.instant(), events);
    }

    /** Account deletion: the secret address stops working. */
    void erase(long accountId) {
        repository.delete(accountId);
    }
}
