package jp.machi.reservation.booking.internal;

import java.time.Instant;
import java.util.List;
import jp.machi.facility.Facilities;
import jp.machi.facility.RoomSummary;
import jp.machi.identity.Accounts;
import jp.machi.reservation.booking.Residency;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the demo resident is registered as a booker (在住), and the large meeting room (capacity 30 or more) of every
 * demo 区民館 becomes splittable into two halves (半面1 / 半面2, half the capacity each), so the demo shows whole-room and
 * part bookings side by side. Idempotent: a registered resident stays as they are; no part is added once any exists.
 */
@Component
class BookingDemoData extends DemoData {

    private final BookerRepository bookers;
    private final RoomPartRepository parts;
    private final Facilities facilities;
    private final Accounts accounts;
    private final TransactionTemplate tx;

    BookingDemoData(DemoMode demo, BookerRepository bookers, RoomPartRepository parts, Facilities facilities,
                    Accounts accounts, TransactionTemplate tx) {
        super(demo);
        this.bookers = bookers;
        this.parts = parts;
        this.facilities = facilities;
        this.accounts = accounts;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        accounts.findByEmail("resident@demo.machi.example").ifPresent(a ->
            tx.executeWithoutResult(s -> bookers.registerIfAbsent(a.id(), Residency.RESIDENT, Instant.now())));
        if (parts.anyPart()) {
            return;
        }
        List<RoomSummary> large = facilities.allBookableRooms().stream()
            .filter(r -> r.capacity() != null && r.capacity() >= 30)
            .filter(r -> facilities.traits(r.facilityId()).map(t -> t.categories().contains("kumin-kan")).orElse(false))
            .toList();
        tx.executeWithoutResult(s -> {
            for (RoomSummary r : large) {
                int half = r.capacity() / 2;
                parts.save(new RoomPart(r.id(), "1", "半面1", "Half 1", half, 10));
                parts.save(new RoomPart(r.id(), "2", "半面2", "Half 2", half, 20));
            }
        });
    }
}
