package jp.machi.reservation.money.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.internal.FormValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reduction categories (減免区分) as system admins edit them. A category is never deleted — bookings name it —
 * but made inactive: then nobody can ask for it any more, and requests already made keep it. A changed percentage
 * applies to requests decided from then on (the approval computes the reduced fee).
 */
@Service
public class ReductionCategoryEditor {

    /** The form as typed. */
    public record Form(String code, String labelJa, String labelEn, String percent, String sortOrder, boolean active) {}

    private final ReductionCategoryRepository repository;
    private final AuditLog audit;

    ReductionCategoryEditor(ReductionCategoryRepository repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    public List<ReductionCategoryRepository.Entry> all() {
        return repository.all();
    }

    public Optional<ReductionCategoryRepository.Entry> find(String code) {
        return code == null ? Optional.empty() : repository.find(code);
    }

    /**
     * Creates ({@code isNew}) or updates a category. Throws {@link EditRefused} with every problem (fields {@code code},
     * {@code labelJa}, {@code labelEn}, {@code percent}, {@code sortOrder}); nothing is written then.
     */
    @Transactional
    public void save(Form f, boolean isNew) {
        List<EditRefused.Problem> problems = new ArrayList<>();
        String code = f.code() == null ? "" : f.code().strip();
        if (isNew && !code.matches("[a-z0-9-]{1,32}")) {
            problems.add(new EditRefused.Problem("code", "reservation.reductions.error.code", List.of()));
        } else if (isNew && find(code).isPresent()) {
            problems.add(new EditRefused.Problem("code", "reservation.reductions.error.taken", List.of(code)));
        }
        String ja = FormValues.text(f.labelJa(), 60);
        String en = FormValues.text(f.labelEn(), 60);
        if (ja == null) {
            problems.add(new EditRefused.Problem("labelJa", "reservation.reductions.error.labelJa", List.of()));
        }
        if (en == null) {
            problems.add(new EditRefused.Problem("labelEn", "reservation.reductions.error.labelEn", List.of()));
        }
        Integer percent = FormValues.whole(f.percent(), 1, 100);
        if (percent == null) {
            problems.add(new EditRefused.Problem("percent", "reservation.reductions.error.percent", List.of()));
        }
        Integer order = FormValues.whole(f.sortOrder(), 0, 1000);
        if (order == null) {
            problems.add(new EditRefused.Problem("sortOrder", "reservation.reductions.error.sortOrder", List.of()));
        }
        if (!problems.isEmpty()) {
            throw new EditRefused(problems);
        }
        if (isNew) {
            repository.insert(code, ja, en, percent, order, f.active());
        } else if (!repository.update(code, ja, en, percent, order, f.active())) {
            throw new EditRefused(List.of(new EditRefused.Problem("code", "reservation.reductions.error.code", List.of())));
        }
        audit.record(AuditEvent.byCurrentActor(isNew ? "reservation.reduction-category.create" : "reservation.reduction-category.update",
            null, "reduction-category:" + code, AuditDetail.of(f.active() ? "reservation.money.audit.reduction" : "reservation.money.audit.reduction.inactive",
                AuditDetail.named(ja, en), percent)));
    }
}
