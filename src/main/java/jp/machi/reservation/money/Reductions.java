package jp.machi.reservation.money;

import java.util.List;
import java.util.Optional;
import jp.machi.reservation.Refused;
import jp.machi.reservation.money.internal.ReductionCategoryRepository;
import org.springframework.stereotype.Service;

/** The reduction categories (減免区分) residents may ask for, as system admins keep them. */
@Service
public class Reductions {

    private final ReductionCategoryRepository repository;

    Reductions(ReductionCategoryRepository repository) {
        this.repository = repository;
    }

    /** The categories residents can choose now, in order. */
    public List<ReductionCategory> categories() {
        return repository.all().stream().filter(ReductionCategoryRepository.Entry::active)
            .map(ReductionCategoryRepository.Entry::category).toList();
    }

    /** A category by its code, also one that is no longer offered (a booking may name it). */
    public Optional<ReductionCategory> category(String code) {
        return code == null ? Optional.empty() : repository.find(code).map(ReductionCategoryRepository.Entry::category);
    }

    /**
     * The active category a resident chose, or null when they chose none (blank).
     *
     * @throws Refused {@link MoneyRefusal#UNKNOWN_REDUCTION} for a code that is not offered
     */
    public ReductionCategory choose(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return repository.find(code.strip()).filter(ReductionCategoryRepository.Entry::active)
            .map(ReductionCategoryRepository.Entry::category)
            .orElseThrow(() -> new Refused(MoneyRefusal.UNKNOWN_REDUCTION));
    }
}
