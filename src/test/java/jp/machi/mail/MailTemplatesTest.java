package jp.machi.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import jp.machi.mail.internal.MailTemplates;
import org.junit.jupiter.api.Test;

/** The template files: names, languages and the "Subject: line, blank line, body" format. */
class MailTemplatesTest {

    final MailTemplates templates = new MailTemplates();

    @Test
    void englishOnlyForEnglishEverythingElseJapanese() {
        assertThat(MailTemplates.language(Locale.ENGLISH)).isEqualTo("en");
        assertThat(MailTemplates.language(Locale.US)).isEqualTo("en");
        assertThat(MailTemplates.language(Locale.JAPAN)).isEqualTo("ja");
        assertThat(MailTemplates.language(Locale.KOREAN)).isEqualTo("ja");
        assertThat(MailTemplates.language(null)).isEqualTo("ja");
    }

    @Test
    void withoutALinkTheGenericMessageHasNoEmptyGap() {
        var mail = templates.render("mail/message", "en",
            Map.of("subject", "Hello", "text", "Line one\nLine two", "wardName", "Nerima City", "baseUrl", "https://x.example"));
        assertThat(mail.subject()).isEqualTo("Nerima City: Hello");
        assertThat(mail.body()).startsWith("Line one\nLine two\n\nThis message was sent automatically")
            .endsWith("Nerima City Digital Ward Office\nhttps://x.example/\n");
    }
}
