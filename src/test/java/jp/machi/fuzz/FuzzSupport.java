package jp.machi.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.support.MachiTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

/**
 * What the fuzz properties share: the application (the same cached Spring context and database as every
 * {@code @MachiTest} class, obtained through Spring's test context cache because jqwik does not run JUnit Jupiter
 * extensions), the bad values, and a count of stored rows to show that a refused request stores nothing.
 *
 * <p>Budget (2 cores): every property runs with a fixed seed ({@link #SEED}) and a fixed number of tries
 * ({@link #TRIES} for the APIs, {@link #FORM_TRIES} for the forms); each try sends one bad value to every parameter
 * of every operation or form, so the run time grows with the number of parameters, not with luck, and a failure
 * is reproduced by the same seed.
 */
final class FuzzSupport {

    static final String SEED = "20261207";
    /** Tries of the API property: each sends one value to every parameter of every operation. */
    static final int TRIES = 8;
    /** Tries of the form property (page handlers are slower: templates, sessions, CSRF). */
    static final int FORM_TRIES = 5;

    private FuzzSupport() {}

    @MachiTest
    static final class Application {}

    /** The running application (started on first use, then shared with every @MachiTest class in this JVM). */
    static ApplicationContext context() {
        try {
            TestContextManager manager = new TestContextManager(Application.class);
            return manager.getTestContext().getApplicationContext();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Bad values, as attackers and careless clients send them: NUL and other control characters, text longer than any
     * field, numbers and dates at the edge of their types, wrong types, markup, SQL, path tricks, lone surrogates,
     * plus random text of every Unicode plane.
     */
    static Arbitrary<String> badValues() {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.of(EDGES)),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)),
            net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)
                .map(s -> "a" + s + "b")),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(Object::toString)));
    }

    static final List<String> EDGES = List.of(
        "\u0000", "練馬\u0000区", "\u0007\u001b[31m", "\r\n\r\n", "\uD800", "\uFFFF", "😀".repeat(3),
        "x".repeat(10_001), "あ".repeat(4_001), "", " ", "-1", "0", "2147483648", "99999999999999999999999",
        "-9223372036854775809", "NaN", "Infinity", "1e309", "0x1F", "1,2,3,4,5", "+999999999-12-31", "-999999999-01-01",
        "2026-02-30", "2026-13-01", "9999-12-31T23:59:59+14:00", "true", "null", "[]", "{}", "{\"a\":", "%00",
        "../../../etc/passwd", "' OR '1'='1", "'; drop table report; --", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
        "ＡＢＣ１２３", "か\u3099", "\u202Eevil");

    /** Rows per table, leaving out tables that record attempts rather than data (audit, outbox, events, throttles). */
    static Map<String, Long> storedRows(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                select tablename from pg_tables where schemaname = current_schema()
                  and tablename not like 'audit%' and tablename not like 'event_publication%'
                  and tablename not like 'flyway%' and tablename not like '%throttle%' and tablename not like '%rate%'
                  and tablename not like 'mail_outbox%' and tablename not like '%hold%' order by tablename""")
            .query(String.class).list();
        if (tables.isEmpty()) {
            return Map.of();
        }
        StringBuilder sql = new StringBuilder();
        for (String t : tables) {
            if (!sql.isEmpty()) {
                sql.append(" union all ");
            }
            sql.append("select '").append(t).append("', count(*) from \"").append(t).append('"');
        }
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    /** Tables with more rows than before (what a refused request must never leave). */
    static Map<String, String> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> out = new LinkedHashMap<>();
        after.forEach((t, n) -> {
            long b = before.getOrDefault(t, 0L);
            if (n > b) {
                out.put(t, b + " → " + n);
            }
        });
        return out;
    }
}
