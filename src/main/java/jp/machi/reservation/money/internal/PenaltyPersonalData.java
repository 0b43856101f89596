package jp.machi.reservation.money.internal;

import jp.machi.reservation.money.Penalties;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * A person's penalty points as given (late cancellations, no-shows): exported, and deleted with the account (before
 * the bookings they name, which the booking core erases later: {@link #getOrder()}).
 */
@Component
class PenaltyPersonalData implements PersonalData, Ordered {

    private final Penalties penalties;
    private final PenaltyRepository repository;

    PenaltyPersonalData(Penalties penalties, PenaltyRepository repository) {
        this.penalties = penalties;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "reservation.penalties";
    }

    @Override
    public Object export(long accountId) {
        return penalties.of(accountId);
    }

    @Override
    public void erase(long accountId) {
        repository.deleteOf(accountId);
    }

    @Override
    public int getOrder() {
        return 20;
    }
}
