package jp.machi.reservation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reduction categories (減免区分) as system admins edit them. A category is never deleted — bookings name it —
 * but made inactive: then nobody can ask for it any more, and requests already made keep it. A changed percentage
 * applies to requests decided from then on (the approval computes the reduced fee).
 */
@Service
public class ReductionCategories {

    /** A category with its order and whether residents can choose it. */
    public record Entry(ReductionCategory category, int sortOrder, boolean active) {}

    /** The form as typed. */
    public record Form(String code, String labelJa, String labelEn, String percent, String sortOrder, boolean active) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    ReductionCategories(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Entry> all() {
        return jdbc.sql("select * from reservation_reduction_category order by sort_order, code").query((rs, n) -> new Entry(
            new ReductionCategory(rs.getString("code"), rs.getString("label_ja"), rs.getString("label_en"), rs.getInt("percent")),
            rs.getInt("sort_order"), rs.getBoolean("active"))).list();
    }

    public Optional<Entry> find(String code) {
        return all().stream().filter(e -> e.category().code().equals(code)).findFirst();
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
            jdbc.sql("""
                    insert into reservation_reduction_category (code, label_ja, label_en, percent, sort_order, active)
                    values (?, ?, ?, ?, ?, ?)""").params(code, ja, en, percent, order, f.active()).update();
        } else if (jdbc.sql("""
                update reservation_reduction_category set label_ja = ?, label_en = ?, percent = ?, sort_order = ?, active = ?
                where code = ?""").params(ja, en, percent, order, f.active(), code).update() != 1) {
            throw new EditRefused(List.of(new EditRefused.Problem("code", "reservation.reductions.error.code", List.of())));
        }
        audit.record(AuditEvent.byCurrentActor(isNew ? "reservation.reduction-category.create" : "reservation.reduction-category.update",
            null, "reduction-category:" + code, percent + "% " + ja + " / " + en + (f.active() ? "" : " (inactive)")));
    }

}
