package jp.machi.reservation.internal;

import java.util.List;
import java.util.Locale;
import jp.machi.facility.Facilities;
import jp.machi.facility.RoomSummary;
import jp.machi.shared.DemoMode;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the second kind of room the demo configures, a sports room (体育室, the facility module's example room
 * 「体育室（例）」 in three 区民館): a two-hour grid 09:00–21:00 instead of 午前/午後/夜間, its own rule (60 days ahead,
 * bookable on the day itself, 4 a month, ¥1,000 / ¥1,500 / commercial ¥3,000 per two hours, 100 % refund until
 * 7 days, 50 % until 2, stricter penalties) and residents of the ward only (individuals and groups, no 区外).
 * Runs after {@link RoomPartsDemoData}, which already made the room splittable into two halves (A面/B面 as 半面1/2).
 * Idempotent: a room that has its own slots is left alone.
 */
@Component
@Order(42)
class SportsRoomDemoData implements ApplicationModuleInitializer {

    /** The grid: two hours each from 9:00 to 21:00. */
    static final List<Slot> GRID = java.util.stream.IntStream.of(9, 11, 13, 15, 17, 19)
        .mapToObj(h -> new Slot(String.format("s%02d", h), h + "–" + (h + 2) + "時", h + "–" + (h + 2),
            java.time.LocalTime.of(h, 0), java.time.LocalTime.of(h + 2, 0)))
        .toList();

    private final DemoMode demo;
    private final Facilities facilities;
    private final ReservationRepository repository;
    private final MoneyRepository money;
    private final EligibilityCheck eligibility;
    private final TransactionTemplate tx;

    SportsRoomDemoData(DemoMode demo, Facilities facilities, ReservationRepository repository, MoneyRepository money,
                       EligibilityCheck eligibility, TransactionTemplate tx) {
        this.demo = demo;
        this.facilities = facilities;
        this.repository = repository;
        this.money = money;
        this.eligibility = eligibility;
        this.tx = tx;
    }

    @Override
    public void initialize() {
        if (!demo.enabled()) {
            return;
        }
        List<RoomSummary> rooms = facilities.allBookableRooms().stream()
            .filter(r -> "Sports room (example)".equals(r.name().in(Locale.ENGLISH)))
            .filter(r -> repository.ownSlots(null, r.id()).isEmpty())
            .toList();
        tx.executeWithoutResult(s -> {
            for (RoomSummary r : rooms) {
                repository.replaceSlots(null, r.id(), GRID);
                money.save(new MoneyRules(0, null, r.id(), 60, 0, 4, 1000, 1500, 3000, 7, 3, 2, 2, 4, 5, 60,
                    List.of(new MoneyRules.RefundTier(7, 100), new MoneyRules.RefundTier(2, 50))));
                eligibility.set(r.facilityId(), r.id(), true, true, false);
            }
        });
    }
}
