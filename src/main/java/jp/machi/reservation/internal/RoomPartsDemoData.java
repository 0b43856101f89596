package jp.machi.reservation.internal;

import java.util.List;
import jp.machi.facility.Facilities;
import jp.machi.facility.RoomSummary;
import jp.machi.shared.DemoMode;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the large meeting room (capacity 30 or more) of every demo 区民館 becomes splittable into two halves
 * (半面1 / 半面2, half the capacity each), so the demo shows whole-room and part bookings side by side. Idempotent:
 * nothing is changed once any part exists.
 */
@Component
@Order(41)
class RoomPartsDemoData implements ApplicationModuleInitializer {

    private final DemoMode demo;
    private final RoomParts parts;
    private final Facilities facilities;
    private final TransactionTemplate tx;

    RoomPartsDemoData(DemoMode demo, RoomParts parts, Facilities facilities, TransactionTemplate tx) {
        this.demo = demo;
        this.parts = parts;
        this.facilities = facilities;
        this.tx = tx;
    }

    @Override
    public void initialize() {
        if (!demo.enabled() || parts.anyPart()) {
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
