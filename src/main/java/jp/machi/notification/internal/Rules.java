package jp.machi.notification.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.machi.notification.NotificationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The personal notice types every module declared ({@link NotificationType} beans) with the staff's rules
 * ({@code notification_rule}): switched on or off and worded.
 */
@Repository
public class Rules {

    private final JdbcClient jdbc;
    private final Map<String, NotificationType> types;

    Rules(JdbcClient jdbc, List<NotificationType> types) {
        this.jdbc = jdbc;
        this.types = types.stream().sorted(Comparator.comparingInt(NotificationType::order).thenComparing(NotificationType::code))
            .collect(Collectors.toMap(NotificationType::code, Function.identity(), (a, b) -> {
                throw new IllegalStateException("two notification types with the code " + a.code());
            }, java.util.LinkedHashMap::new));
    }

    public List<NotificationType> types() {
        return List.copyOf(types.values());
    }

    public Optional<NotificationType> type(String code) {
        return Optional.ofNullable(code == null ? null : types.get(code));
    }

    public List<Rule> all() {
        return types.values().stream().map(this::rule).toList();
    }

    public Optional<Rule> find(String code) {
        return type(code).map(this::rule);
    }

    private Rule rule(NotificationType t) {
        return jdbc.sql("select enabled, subject_ja, body_ja, subject_en, body_en, reason_ja, reason_en from notification_rule where type_code = ?")
            .param(t.code())
            .query((rs, n) -> new Rule(t, rs.getBoolean(1), or(rs.getString(2), t.subject().ja()), or(rs.getString(3), t.body().ja()),
                or(rs.getString(4), t.subject().en()), or(rs.getString(5), t.body().en()), or(rs.getString(6), t.reason().ja()),
                or(rs.getString(7), t.reason().en()), true))
            .optional()
            .orElseGet(() -> new Rule(t, t.enabledByDefault(), t.subject().ja(), t.body().ja(), t.subject().en(), t.body().en(),
                t.reason().ja(), t.reason().en(), false));
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    public void save(String code, boolean enabled, String subjectJa, String bodyJa, String subjectEn, String bodyEn,
                     String reasonJa, String reasonEn, long by) {
        jdbc.sql("""
                insert into notification_rule (type_code, enabled, subject_ja, body_ja, subject_en, body_en, reason_ja, reason_en, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (type_code) do update set enabled = excluded.enabled, subject_ja = excluded.subject_ja,
                    body_ja = excluded.body_ja, subject_en = excluded.subject_en, body_en = excluded.body_en,
                    reason_ja = excluded.reason_ja, reason_en = excluded.reason_en, updated_by = excluded.updated_by, updated_at = now()""")
            .params(code, enabled, subjectJa, bodyJa, subjectEn, bodyEn, reasonJa, reasonEn, by).update();
    }
}
