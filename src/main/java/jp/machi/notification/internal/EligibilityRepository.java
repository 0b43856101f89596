package jp.machi.notification.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code notification_eligibility} and the residents' profiles ({@code notification_profile}, {@code _child}). */
@Repository
public class EligibilityRepository {

    private final JdbcClient jdbc;

    EligibilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Integer integer(ResultSet rs, String c) throws SQLException {
        int v = rs.getInt(c);
        return rs.wasNull() ? null : v;
    }

    private static Eligibility map(ResultSet rs, int n) throws SQLException {
        return new Eligibility(rs.getLong("id"), rs.getString("title_ja"), rs.getString("body_ja"), rs.getString("title_en"),
            rs.getString("body_en"), rs.getString("link"), strings(rs.getArray("districts")), strings(rs.getArray("age_bands")),
            integer(rs, "child_min_months"), integer(rs, "child_max_months"), rs.getBoolean("active"),
            SubscriptionRepository.instant(rs, "updated_at"));
    }

    public List<Eligibility> all() {
        return jdbc.sql("select * from notification_eligibility order by active desc, id desc").query(EligibilityRepository::map).list();
    }

    public List<Eligibility> active() {
        return jdbc.sql("select * from notification_eligibility where active order by id").query(EligibilityRepository::map).list();
    }

    public Optional<Eligibility> find(long id) {
        return jdbc.sql("select * from notification_eligibility where id = ?").param(id).query(EligibilityRepository::map).optional();
    }

    public long insert(Eligibility e, long by) {
        return jdbc.sql("""
                insert into notification_eligibility (title_ja, body_ja, title_en, body_en, link, districts, age_bands,
                    child_min_months, child_max_months, active, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(e.titleJa(), e.bodyJa(), e.titleEn(), e.bodyEn(), e.link(), e.districts().toArray(String[]::new),
                e.ageBands().toArray(String[]::new), e.childMinMonths(), e.childMaxMonths(), e.active(), by)
            .query(Long.class).single();
    }

    public void update(Eligibility e) {
        jdbc.sql("""
                update notification_eligibility set title_ja = ?, body_ja = ?, title_en = ?, body_en = ?, link = ?, districts = ?,
                    age_bands = ?, child_min_months = ?, child_max_months = ?, active = ?, updated_at = now() where id = ?""")
            .params(e.titleJa(), e.bodyJa(), e.titleEn(), e.bodyEn(), e.link(), e.districts().toArray(String[]::new),
                e.ageBands().toArray(String[]::new), e.childMinMonths(), e.childMaxMonths(), e.active(), e.id())
            .update();
    }

    public Profile profile(long accountId) {
        Optional<Profile> p = jdbc.sql("select account_id, district, age_band from notification_profile where account_id = ?")
            .param(accountId).query((rs, n) -> new Profile(rs.getLong(1), rs.getString(2), rs.getString(3), List.of())).optional();
        if (p.isEmpty()) {
            return Profile.empty(accountId);
        }
        List<YearMonth> children = jdbc.sql("select birth_month from notification_profile_child where account_id = ? order by birth_month")
            .param(accountId).query((rs, n) -> YearMonth.from(rs.getDate(1).toLocalDate())).list();
        return new Profile(accountId, p.get().district(), p.get().ageBand(), children);
    }

    public void save(Profile p) {
        jdbc.sql("""
                insert into notification_profile (account_id, district, age_band) values (?, ?, ?)
                on conflict (account_id) do update set district = excluded.district, age_band = excluded.age_band, updated_at = now()""")
            .params(p.accountId(), p.district(), p.ageBand()).update();
        jdbc.sql("delete from notification_profile_child where account_id = ?").param(p.accountId()).update();
        for (YearMonth m : p.children()) {
            jdbc.sql("insert into notification_profile_child (account_id, birth_month) values (?, ?) on conflict do nothing")
                .params(p.accountId(), java.sql.Date.valueOf(m.atDay(1))).update();
        }
    }

    public void erase(long accountId) {
        jdbc.sql("delete from notification_profile where account_id = ?").param(accountId).update();
    }

    /** Every profile (for the daily match; a ward has at most a few hundred thousand). */
    public List<Profile> profiles() {
        List<Profile> all = new ArrayList<>();
        java.util.Map<Long, List<YearMonth>> children = new java.util.HashMap<>();
        jdbc.sql("select account_id, birth_month from notification_profile_child")
            .query(rs -> { children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(YearMonth.from(rs.getDate(2).toLocalDate())); });
        jdbc.sql("select account_id, district, age_band from notification_profile order by account_id")
            .query(rs -> { all.add(new Profile(rs.getLong(1), rs.getString(2), rs.getString(3), children.getOrDefault(rs.getLong(1), List.of()))); });
        return all;
    }

}
