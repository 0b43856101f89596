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
                        if (!DETAIL_KEY.matcher("\"" + m.group(1) + "\"").matches()) {
                            actions.add(m.group(1));
                        }
                    }
                }
            }
        }
        return actions;
    }

    /** A description's key (or a word's) named in the sources: {@code <module>.audit.<what>} or {@code audit.detail.<word>}. */
    private static final Pattern DETAIL_KEY = Pattern.compile(
        "\"((?:[a-z]+\\.(?:[a-z-]+\\.)?audit\\.|audit\\.detail\\.)[a-zA-Z0-9.-]*[a-zA-Z0-9])\"");

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(MessageBundles.basenames().toArray(String[]::new));
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /**
     * Every description key a module names (AuditDetail.of("identity.audit.resident.read"), a word such as
     * "audit.detail.none") is said in Japanese and in English, and differently: an auditor never reads the key.
     */
    @Test
    void everyDescriptionKeyInTheSourcesIsSaidInJapaneseAndEnglish() throws IOException {
        ResourceBundleMessageSource messages = bundles();
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = DETAIL_KEY.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).contains("identity.audit.login.success", "report.audit.status", "reservation.booking.audit.fee",
            "audit.audit.search", "audit.detail.none").hasSizeGreaterThan(150);
        Set<String> missing = new TreeSet<>();
        for (String key : keys) {
            String ja = messages.getMessage(key, null, null, Locale.JAPANESE);
            String en = messages.getMessage(key, null, null, Locale.ENGLISH);
            boolean onlyData = ja != null && ja.replaceAll("\\{\\d+}", "").replaceAll("[\\p{P}\\p{S}\\s]", "").isEmpty();
            if (ja == null || en == null || ja.equals(en) && !onlyData || !ja.codePoints().anyMatch(c -> c > 0x3000) && !onlyData) {
                missing.add(key);
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * Modules describe what they record with a key ({@link AuditDetail}); only the audit module itself (and tests of
     * entries written before keys existed) builds an event from English text alone.
     */
    @Test
    void noModuleRecordsADescriptionInEnglishOnly() throws IOException {
        Set<String> englishOnly = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/jp/machi/audit/")).toList()) {
                String source = Files.readString(f);
                int at = source.indexOf("new AuditEvent(");
                while (at >= 0) {
                    if (arguments(source, at + "new AuditEvent(".length()) != 8) {
                        englishOnly.add(f + ":" + source.substring(0, at).lines().count());
                    }
                    at = source.indexOf("new AuditEvent(", at + 1);
                }
            }
        }
        assertThat(englishOnly).isEmpty();
    }

    /** How many arguments a call has, from just after its opening parenthesis (strings and nesting skipped). */
    private static int arguments(String s, int from) {
        int depth = 1;
        int commas = 0;
        char quote = 0;
        for (int i = from; i < s.length() && depth > 0; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 1) {
                commas++;
            }
        }
        return commas + 1;
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
