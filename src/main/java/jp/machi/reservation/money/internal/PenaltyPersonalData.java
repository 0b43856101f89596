package jp.machi.reservation.money.internal;

import jp.machi.reservation.money.Penalties;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.stereotype.Component;

/**
 * A person's penalty points as given (late cancellations, no-shows): exported, and deleted with the account (a
 * penalty also goes when the booking it names is deleted: the table's foreign key cascades).
 */
@Component
class PenaltyPersonalData implements PersonalData {

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
    public Object export(DataSubject person) {
        return penalties.of(person.accountId());
    }

    @Override
    public void erase(DataSubject person) {
        repository.deleteOf(person.accountId());
    }
}
