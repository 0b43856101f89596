package jp.machi.reservation.money.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import jp.machi.reservation.money.ReductionCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code reservation_reduction_category} in plain SQL, and its only writer. */
@Repository
public class ReductionCategoryRepository {

    /** A category with its order and whether residents can choose it. */
    public record Entry(ReductionCategory category, int sortOrder, boolean active) {}

    private final JdbcClient jdbc;

    ReductionCategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> all() {
        return jdbc.sql("select * from reservation_reduction_category order by sort_order, code")
            .query(ReductionCategoryRepository::entry).list();
    }

    public Optional<Entry> find(String code) {
        return jdbc.sql("select * from reservation_reduction_category where code = ?").param(code)
            .query(ReductionCategoryRepository::entry).optional();
    }

    public void insert(String code, String ja, String en, int percent, int order, boolean active) {
        jdbc.sql("""
                insert into reservation_reduction_category (code, label_ja, label_en, percent, sort_order, active)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""").params(code, ja, en, percent, order, active).update();
    }

    /** False when there is no such category. */
    public boolean update(String code, String ja, String en, int percent, int order, boolean active) {
        return jdbc.sql("""
                update reservation_reduction_category set label_ja = ?, label_en = ?, percent = ?, sort_order = ?, active = ?
                where code = ?""").params(ja, en, percent, order, active, code).update() == 1;
    }

    public boolean any() {
        return jdbc.sql("select exists (select 1 from reservation_reduction_category)").query(Boolean.class).single();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(new ReductionCategory(rs.getString("code"), rs.getString("label_ja"), rs.getString("label_en"),
            rs.getInt("percent")), rs.getInt("sort_order"), rs.getBoolean("active"));
    }
}
