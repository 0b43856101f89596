package jp.machi.reservation.lottery.internal;

import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.stereotype.Component;

/**
 * A person's lottery applications: per round their reference, applications with ranked choices and what they won.
 * Erasure deletes the person's references and applications. The published list and results of a committed or drawn
 * round do not change (they name references, never people, and their hashes are public); a win whose applicant is
 * gone stays a win in the results and gets no booking, as for an applicant deleted before the draw.
 */
@Component
class LotteryPersonalData implements PersonalData {

    private final LotteryRepository repository;

    LotteryPersonalData(LotteryRepository repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return "reservation.lottery";
    }

    @Override
    public Object export(DataSubject person) {
        return repository.ofPerson(person.accountId());
    }

    @Override
    public void erase(DataSubject person) {
        repository.deletePerson(person.accountId());
    }
}
