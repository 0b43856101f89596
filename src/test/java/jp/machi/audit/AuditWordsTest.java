package jp.machi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.machi.shared.web.MessageBundles;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Auditors read actions in their language: every action a module records (found in the sources) has a name in
 * Japanese and English ({@code audit.action.<action>}), so the log never shows {@code identity.login.success}.
 */
class AuditWordsTest {

    private static final Pattern RECORDED = Pattern.compile(
        // an action ends with a letter or digit: "holiday-" + date is an iCalendar event's id, not an action
        "(?:new AuditEvent|AuditEvent\\.byCurrentActor|\\bevent|\\baudit)\\(\\s*\"([a-z0-9][a-z0-9.-]*[a-z0-9])\"");

    static Set<String> actions() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = RECORDED.matcher(Files.readString(f));
                while (m.find()) {
                    actions.add(m.group(1));
                }
            }
        }
        return actions;
    }

    @Test
    void everyRecordedActionHasANameInJapaneseAndEnglish() throws IOException {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(MessageBundles.basenames().toArray(String[]::new));
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Set<String> actions = actions();
        assertThat(actions).contains("identity.login.success", "report.status.change", "facility.facility.update");
        Set<String> missing = new TreeSet<>();
        for (String action : actions) {
            // the reservation module names its actions once its split into nested modules has landed
            if (action.startsWith("reservation.")) {
                continue;
            }
            String ja = messages.getMessage("audit.action." + action, null, null, Locale.JAPANESE);
            String en = messages.getMessage("audit.action." + action, null, null, Locale.ENGLISH);
            if (ja == null || en == null || ja.equals(en)) {
                missing.add(action);
            }
        }
        assertThat(missing).isEmpty();
    }
}
