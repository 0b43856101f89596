package jp.machi.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Header;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A notice's mail is built from parts made once per notice and language (the encoded subject, the text around the
 * recipient's links, most of it already in base64); what goes on the wire must still be exactly what Jakarta Mail
 * writes for the same headers and text — in each transfer encoding it picks (base64 for Japanese text, quoted-printable
 * for mostly-English text, 7bit for plain ASCII) — and each recipient's links must carry their own valid tokens.
 */
@MachiTest
class MessageFactoryTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageFactory messages;

    @Autowired
    LinkTokens tokens;

    private final Session session = Session.getInstance(new Properties());

    private long notice(String titleJa, String bodyJa, String titleEn, String bodyEn, String priority) {
        long staff = jdbc.sql("select id from account where email = 'staff@demo.machi.example'").query(Long.class).single();
        return jdbc.sql("""
                insert into notification_notice (topic_code, priority, status, title_ja, body_ja, title_en, body_en, created_by, released_at, recipients)
                values ('kusei', ?, 'SENDING', ?, ?, ?, ?, ?, now(), 2) returning id""")
            .params(priority, titleJa, bodyJa, titleEn, bodyEn, staff).query(Long.class).single();
    }

    private static DeliveryStore.Claimed delivery(long id, long notice, long subscription, String language) {
        return new DeliveryStore.Claimed(id, notice, null, subscription, "kusei", "resident" + id + "@example.jp", language, 1);
    }

    /** The bytes Jakarta Mail itself writes for the same headers and text (its save step choosing the encoding). */
    private static String jakartaWrites(Session session, MimeMessage built) throws Exception {
        MimeMessage plain = new MessageFactory.FixedIdMessage(session, built.getMessageID());
        Set<String> mime = Set.of("MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Message-ID");
        for (Enumeration<Header> e = built.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            if (!mime.contains(h.getName())) {
                plain.addHeader(h.getName(), h.getValue());
            }
        }
        plain.setText((String) built.getContent(), StandardCharsets.UTF_8.name());
        plain.saveChanges();
        return written(plain);
    }

    private static String written(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private void assertAsJakartaMailWritesIt(long notice, String language, String encoding, String... words) throws Exception {
        for (long sub : new long[] {7, 123456789}) {
            DeliveryStore.Claimed d = delivery(1000 + sub, notice, sub, language);
            MimeMessage built = messages.build(session, d);
            String wire = written(built);
            assertThat(wire).as("written as Jakarta Mail writes it").isEqualTo(jakartaWrites(session, built));
            assertThat(built.getEncoding()).isEqualTo(encoding);
            assertThat(built.getMessageID()).isEqualTo(messages.messageId(d));
            String text = (String) built.getContent();
            assertThat(text).contains(words);
            // the recipient's own links: unsubscribe from the topic and the preference page
            Matcher u = Pattern.compile("(\\S*)/notifications/unsubscribe/(\\S+)").matcher(text);
            Matcher m = Pattern.compile("/notifications/manage/(\\S+)").matcher(text);
            assertThat(u.find()).isTrue();
            assertThat(m.find()).isTrue();
            assertThat(tokens.parse(u.group(2))).contains(new LinkTokens.Parsed(sub, "u-kusei"));
            assertThat(tokens.parse(m.group(1))).contains(new LinkTokens.Parsed(sub, "m"));
            assertThat(built.getHeader("List-Unsubscribe"))
                .containsExactly("<" + u.group(1) + "/api/v1/notification/unsubscribe/" + u.group(2) + ">");
        }
    }

    @Test
    void aJapaneseNoticeIsWrittenInBase64ExactlyAsJakartaMailWouldWithEachRecipientsOwnLinks() throws Exception {
        String body = "区内に大雨警報が発表されました。川や用水路に近づかず、最新の情報を確かめてください。\n".repeat(7) + "避難所は区民館です。";
        long n = notice("大雨警報", body, null, null, "EMERGENCY");
        assertAsJakartaMailWritesIt(n, "ja", "base64", "大雨警報", "避難所は区民館です。");
    }

    @Test
    void mostlyEnglishTextIsQuotedPrintableAndPlainAsciiIs7bitAsJakartaMailChooses() throws Exception {
        long mixed = notice("大雨", "大雨", "Heavy rain warning (大雨警報)",
            "A heavy rain warning was issued for the ward. Keep away from rivers and canals and check the latest information. "
                + "The shelters are open.", "NORMAL");
        assertAsJakartaMailWritesIt(mixed, "en", "quoted-printable", "Heavy rain warning (大雨警報)", "shelters are open");
        long ascii = notice("試験", "試験", "Road works", "Road works on Main Street from Monday.", "BULK");
        // the English footer words are ASCII too; the ward's name may not be, so either encoding Jakarta picks is checked
        MimeMessage m = messages.build(session, delivery(5, ascii, 5, "en"));
        assertThat(written(m)).isEqualTo(jakartaWrites(session, m));
        assertThat(m.getHeader("Precedence")).containsExactly("bulk");
    }
}
