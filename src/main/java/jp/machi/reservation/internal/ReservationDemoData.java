package jp.machi.reservation.internal;

import jp.machi.identity.Accounts;
import jp.machi.shared.DemoMode;
import org.springframework.modulith.ApplicationModuleInitializer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: ward-wide example slots (午前 09:00–12:00, 午後 13:00–17:00, 夜間 18:00–21:30) and one example rule
 * (90 days ahead, online until the day before, 8 bookings a month, ¥1,200 / ¥1,800 per slot, full refund until
 * 7 days before), so every bookable demo room can be booked; the demo resident is registered as 在住.
 * Idempotent: nothing is changed once the ward defaults exist.
 */
@Component
@Order(40)
class ReservationDemoData implements ApplicationModuleInitializer {

    private final DemoMode demo;
    private final ReservationRepository repository;
    private final Accounts accounts;
    private final TransactionTemplate tx;

    ReservationDemoData(DemoMode demo, ReservationRepository repository, Accounts accounts, TransactionTemplate tx) {
        this.demo = demo;
        this.repository = repository;
        this.accounts = accounts;
        this.tx = tx;
    }

    @Override
    public void initialize() {
        if (!demo.enabled() || repository.hasWardDefaults()) {
            return;
        }
        tx.executeWithoutResult(s -> {
            repository.insertWardSlot("am", "午前", "Morning", "09:00", "12:00", 10);
            repository.insertWardSlot("pm", "午後", "Afternoon", "13:00", "17:00", 20);
            repository.insertWardSlot("night", "夜間", "Evening", "18:00", "21:30", 30);
            repository.insertWardRule(90, 1, 8, 1200, 1800, 7);
            accounts.findByEmail("resident@demo.machi.example").ifPresent(a ->
                repository.register(a.id(), Residency.RESIDENT, java.time.Instant.now()));
        });
    }
}
