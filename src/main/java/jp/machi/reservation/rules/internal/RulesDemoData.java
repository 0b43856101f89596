package jp.machi.reservation.rules.internal;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.reservation.rules.RefundTier;
import jp.machi.reservation.rules.Rule;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotFee;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the ward's terms. Ward-wide slots (午前 09:00–12:00, 午後 13:00–17:00, 夜間 18:00–21:30) and rule (as for a
 * 地域集会所: 90 days ahead, online until the day before, 8 bookings a month, ¥1,200 / ¥1,800 / commercial ¥3,600,
 * 100 % refund until 7 days before, 50 % until 3); a stricter rule for every 区民館 with fees by slot (午前 ¥1,200,
 * 午後 ¥1,500, 夜間 ¥1,800 for residents; 100 % until 14 days, 50 % until 7, earlier payment, more points); and the demo's
 * second kind of room, the sports room 「体育室（例）」, on a two-hour grid 09:00–21:00 with its own rule (60 days ahead,
 * bookable on the day itself, 4 a month, ¥1,000 / ¥1,500 / ¥3,000 per two hours, 100 % until 7 days, 50 % until 2).
 * Idempotent: the ward's terms once the ward has slots; a sports room once it has slots of its own.
 */
@Component
class RulesDemoData extends DemoData {

    /** A 区民館's fees by slot (resident / non-resident / commercial): the evening costs more than the morning. */
    static final Map<String, SlotFee> HALL_SLOT_FEES = new LinkedHashMap<>(Map.of(
        "am", new SlotFee(1200, 1800, 3600), "pm", new SlotFee(1500, 2200, 4500), "night", new SlotFee(1800, 2700, 5400)));

    /** The sports room's grid: two hours each from 9:00 to 21:00. */
    static final List<Slot> GRID = java.util.stream.IntStream.of(9, 11, 13, 15, 17, 19)
        .mapToObj(h -> new Slot(String.format("s%02d", h), h + "–" + (h + 2) + "時", h + "–" + (h + 2),
            LocalTime.of(h, 0), LocalTime.of(h + 2, 0)))
        .toList();

    private final RuleRepository repository;
    private final Facilities facilities;
    private final TransactionTemplate tx;

    RulesDemoData(DemoMode demo, RuleRepository repository, Facilities facilities, TransactionTemplate tx) {
        super(demo);
        this.repository = repository;
        this.facilities = facilities;
        this.tx = tx;
    }

    @Override
    protected void seed() {
        List<RoomSummary> rooms = facilities.allBookableRooms();
        tx.executeWithoutResult(s -> {
            if (!repository.hasWardSlots()) {
                repository.replaceSlots(null, null, List.of(
                    new Slot("am", "午前", "Morning", LocalTime.of(9, 0), LocalTime.of(12, 0)),
                    new Slot("pm", "午後", "Afternoon", LocalTime.of(13, 0), LocalTime.of(17, 0)),
                    new Slot("night", "夜間", "Evening", LocalTime.of(18, 0), LocalTime.of(21, 30))));
                repository.save(rule(null, null, 90, 1, 8, 1200, 1800, 3600, 14, 3, 3, 1, 3, 5, 30,
                    new RefundTier(7, 100), new RefundTier(3, 50)));
                rooms.stream().map(RoomSummary::facilityId).distinct().map(facilities::find).flatMap(java.util.Optional::stream)
                    .filter(f -> f.name().in(Locale.JAPANESE).contains("区民館")).map(FacilitySummary::id)
                    .forEach(f -> repository.replaceSlotFees(repository.save(rule(f, null, 90, 1, 8, 1500, 2200, 4500, 7, 7,
                        7, 2, 4, 6, 60, new RefundTier(14, 100), new RefundTier(7, 50))), HALL_SLOT_FEES));
            }
            for (RoomSummary r : rooms) {
                if ("Sports room (example)".equals(r.name().in(Locale.ENGLISH)) && repository.ownSlots(null, r.id()).isEmpty()) {
                    repository.replaceSlots(null, r.id(), GRID);
                    repository.save(rule(null, r.id(), 60, 0, 4, 1000, 1500, 3000, 7, 3, 2, 2, 4, 5, 60,
                        new RefundTier(7, 100), new RefundTier(2, 50)));
                }
            }
        });
    }

    private static Rule rule(String facilityId, Long roomId, int window, int cutoff, int cap, int resident, int nonResident,
                             int commercial, int payWithin, int payBefore, int lateDays, int latePoints, int noShowPoints,
                             int threshold, int suspension, RefundTier... tiers) {
        List<RefundTier> list = List.of(tiers);
        return new Rule(0, facilityId, roomId, window, cutoff, cap, resident, nonResident, commercial,
            Rule.fullRefundDays(list), payWithin, payBefore, lateDays, latePoints, noShowPoints, threshold, suspension,
            Rule.DEFAULT_GRACE_MINUTES, list,
            Map.of());
    }
}
