package jp.machi.reservation.internal;

import java.util.List;
import java.util.Locale;
import jp.machi.shared.DemoMode;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: example reduction categories (減免区分) and two kinds of money rules — the ward-wide default (as for a
 * 地域集会所: ¥1,200 / ¥1,800 / commercial ¥3,600, 100 % refund until 7 days before, 50 % until 3) and a stricter
 * rule for every 区民館 (a facility-scope rule: fees by slot — 午前 ¥1,200, 午後 ¥1,500, 夜間 ¥1,800 for residents —, 100 % until 14 days, 50 % until 7, earlier payment,
 * more points). Runs after {@link ReservationDemoData}; nothing is changed once the categories exist.
 */
@Component
@Order(41)
class MoneyDemoData implements ApplicationModuleInitializer {

    private final DemoMode demo;
    private final MoneyRepository repository;
    private final ReservationService service;
    private final TransactionTemplate tx;

    /** A 区民館's fees by slot (resident / non-resident / commercial): the evening costs more than the morning. */
    static final java.util.Map<String, SlotFee> HALL_SLOT_FEES = new java.util.LinkedHashMap<>(java.util.Map.of(
        "am", new SlotFee(1200, 1800, 3600), "pm", new SlotFee(1500, 2200, 4500), "night", new SlotFee(1800, 2700, 5400)));

    private final SlotFeeEditor slotFees;

    MoneyDemoData(DemoMode demo, MoneyRepository repository, ReservationService service, SlotFeeEditor slotFees,
                  TransactionTemplate tx) {
        this.slotFees = slotFees;
        this.demo = demo;
        this.repository = repository;
        this.service = service;
        this.tx = tx;
    }

    @Override
    public void initialize() {
        if (!demo.enabled() || repository.hasReductionCategories()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            repository.insertReductionCategory("disability", "障害者団体", "Group of people with disabilities", 100, 10);
            repository.insertReductionCategory("neighbourhood", "町会・自治会", "Neighbourhood association", 50, 20);
            repository.insertReductionCategory("school", "学校・PTA", "School or PTA", 50, 30);
            repository.insertReductionCategory("children", "子ども会・青少年団体", "Children's or youth group", 50, 40);
            repository.insertReductionCategory("seniors", "高齢者クラブ", "Seniors' club", 30, 50);
            repository.exact(null, null).ifPresent(ward -> repository.save(new MoneyRules(ward.id(), null, null,
                ward.windowDays(), ward.cutoffDays(), ward.monthlyCap(), 1200, 1800, 3600, 14, 3, 3, 1, 3, 5, 30,
                List.of(new MoneyRules.RefundTier(7, 100), new MoneyRules.RefundTier(3, 50)))));
            service.bookableRoomsByFacility().keySet().stream()
                .filter(f -> f.name().in(Locale.JAPANESE).contains("区民館"))
                .forEach(f -> slotFees.store(repository.save(new MoneyRules(0, f.id(), null, 90, 1, 8, 1500, 2200, 4500, 7, 7, 7, 2, 4,
                    6, 60, List.of(new MoneyRules.RefundTier(14, 100), new MoneyRules.RefundTier(7, 50)))), HALL_SLOT_FEES));
        });
    }
}
