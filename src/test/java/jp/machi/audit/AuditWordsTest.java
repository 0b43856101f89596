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

    /** Where an action can be named: an audit event's arguments (also a ternary's), or a module's own record helper. */
    private static final Pattern CALL = Pattern.compile(
        "AuditEvent\\.(?:byCurrentActor|system)\\(|new AuditEvent\\(|\\brecord\\(|\\bevent\\(|\\baudit\\(");
    /** An action: lower-case words joined by dots (an action ends with a letter or digit). */
    private static final Pattern ACTION = Pattern.compile("\"([a-z][a-zA-Z0-9-]*(?:\\.[a-zA-Z0-9-]+)+)\"");
    /** Actions put together at run time ("notification.list." + the form's action), named here so they are checked too. */
    private static final Set<String> BUILT = Set.of("notification.list.activate", "notification.list.deactivate",
        "notification.account.inbox", "notification.account.settings.read", "notification.account.settings.change",
        "notification.account.profile.read", "notification.account.profile.change");

    static Set<String> actions() throws IOException {
        Set<String> actions = new TreeSet<>(BUILT);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                if (!source.contains("AuditEvent")) {
                    continue;
                }
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    int end = source.indexOf(';', call.end());
                    Matcher m = ACTION.matcher(source.substring(call.end(), end < 0 ? source.length() : end));
                    while (m.find()) {
                        actions.add(m.group(1));
                    }
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
        assertThat(actions).contains("identity.login.success", "report.status.change", "facility.facility.update",
            "reservation.booking.proxy", "reservation.lottery.drawn", "report.publish", "inquiry.child.close");
        Set<String> missing = new TreeSet<>();
        for (String action : actions) {
            String ja = messages.getMessage("audit.action." + action, null, null, Locale.JAPANESE);
            String en = messages.getMessage("audit.action." + action, null, null, Locale.ENGLISH);
            if (ja == null || en == null || ja.equals(en)) {
                missing.add(action);
            }
        }
        assertThat(missing).isEmpty();
    }
}
