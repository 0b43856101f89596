package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jp.machi.audit.internal.AuditDetails;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every entry recorded with a key in this test run (the demo data's, and whatever the module tests that ran before in
 * this JVM recorded) is said in Japanese and in English, with every argument said: no key, no placeholder, no code
 * word such as {@code in_progress} or {@code report.status.received} reaches an auditor.
 */
@MachiTest
class AuditDescriptionsTest {

    /** What a code word looks like: snake_case, SCREAMING_CASE, or dotted lower-case words (a message key). */
    private static final Pattern CODE_WORD = Pattern.compile(
        "\\b[a-z]+_[a-z_]+\\b|\\b[A-Z]{2,}_[A-Z_]+\\b|\\b[a-z]+\\.[a-z-]+\\.[a-z.-]+\\b|\\{\\d+}");

    @Autowired JdbcClient jdbc;
    @Autowired AuditDetails details;

    record Keyed(long id, String action, String key, String args) {}

    @Test
    void everyKeyedDescriptionOfThisRunIsSaidInJapaneseAndEnglishWithoutCodeWords() {
        List<Keyed> entries = jdbc.sql("select id, action, detail_key, detail_args from audit_entry where detail_key is not null "
                + "order by id")
            .query((rs, n) -> new Keyed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
        assertThat(entries).isNotEmpty();
        List<String> unsaid = new ArrayList<>();
        for (Keyed e : entries) {
            String ja = details.say(e.key(), jp.machi.audit.internal.AuditDetailJson.read(e.args()), Locale.JAPANESE);
            String en = details.say(e.key(), jp.machi.audit.internal.AuditDetailJson.read(e.args()), Locale.ENGLISH);
            if (ja == null || en == null || codeWords(ja) || codeWords(en) || en.contains("''")) {
                unsaid.add("#" + e.id() + " " + e.action() + " " + e.key() + " " + e.args() + " -> " + ja + " / " + en);
            }
        }
        assertThat(unsaid).isEmpty();
    }

    /** Code words outside the data (e-mail addresses and URLs may well contain dots and underscores). */
    private static boolean codeWords(String said) {
        String text = said.replaceAll("\\S+@\\S+|https?://\\S+|\\S+\\.(csv|CSV|txt|json)\\b", "");
        return CODE_WORD.matcher(text).find();
    }
}
