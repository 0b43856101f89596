package jp.machi.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every message reads the same whether or not it has arguments. Spring passes a message through
 * {@link MessageFormat} only when it has arguments (we keep {@code alwaysUseMessageFormat} off), and MessageFormat
 * treats an ASCII apostrophe as a quote: "Today''s hours" showed both apostrophes without arguments, and "this
 * ward's code ({0})" lost its argument with one. So English text uses the typographic apostrophe (’) and no
 * message holds an ASCII one; a message with arguments must format with every placeholder filled.
 */
class MessageTextTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    record Message(String file, String key, String text) {}

    static List<Message> all() throws IOException {
        List<Message> all = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*.properties")) {
            Properties p = new Properties();
            try (InputStream in = r.getInputStream()) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            p.forEach((k, v) -> all.add(new Message(r.getFilename(), (String) k, (String) v)));
        }
        assertThat(all).hasSizeGreaterThan(500);
        return all;
    }

    @Test
    void noMessageHoldsAnAsciiApostrophe() throws IOException {
        assertThat(all()).filteredOn(m -> m.text().indexOf('\'') >= 0)
            .extracting(m -> m.file() + ": " + m.key() + "=" + m.text()).isEmpty();
    }

    /**
     * What people read, message by message, in both bundles of every module: a message with arguments as
     * {@link MessageFormat} formats it (in the bundle's language), one without as it is written. None may show a
     * doubled apostrophe ("Today''s hours").
     */
    @Test
    void noMessageShowsADoubledApostrophe() throws IOException {
        List<String> doubled = new ArrayList<>();
        int formatted = 0;
        for (Message m : all()) {
            Locale locale = m.file().endsWith("_en.properties") ? Locale.ENGLISH : Locale.JAPANESE;
            Matcher a = ARGUMENT.matcher(m.text());
            int count = 0;
            while (a.find()) {
                count = Math.max(count, Integer.parseInt(a.group(1)) + 1);
            }
            String shown;
            if (count == 0) {
                shown = m.text();
            } else {
                Object[] args = new Object[count];
                java.util.Arrays.fill(args, 7);
                try {
                    shown = new MessageFormat(m.text(), locale).format(args);
                } catch (IllegalArgumentException e) {
                    continue; // everyMessageWithArgumentsFormatsWithAllOfThem names it
                }
                formatted++;
            }
            if (shown.contains("''")) {
                doubled.add(m.file() + ": " + m.key() + " -> " + shown);
            }
        }
        assertThat(formatted).as("messages with arguments").isGreaterThan(200);
        assertThat(doubled).isEmpty();
    }

    @Test
    void everyMessageWithArgumentsFormatsWithAllOfThem() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Message m : all()) {
            Matcher a = ARGUMENT.matcher(m.text());
            int count = 0;
            while (a.find()) {
                count = Math.max(count, Integer.parseInt(a.group(1)) + 1);
            }
            if (count == 0) {
                continue;
            }
            Object[] args = new Object[count];
            for (int i = 0; i < count; i++) {
                args[i] = 7;
            }
            try {
                String out = new MessageFormat(m.text(), Locale.ENGLISH).format(args);
                if (ARGUMENT.matcher(out).find()) {
                    broken.add(m.file() + ": " + m.key() + " -> " + out);
                }
            } catch (IllegalArgumentException e) {
                broken.add(m.file() + ": " + m.key() + " -> " + e.getMessage());
            }
        }
        assertThat(broken).isEmpty();
    }
}
