package jp.machi.mail.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a mail body the outbox page turns into links. */
class MailLinkedTextTest {

    static List<String> links(String text) {
        return LinkedText.of(text).pieces().stream().filter(LinkedText.Piece::link).map(LinkedText.Piece::href).toList();
    }

    static String joined(String text) {
        return String.join("", LinkedText.of(text).pieces().stream().map(LinkedText.Piece::text).toList());
    }

    @Test
    void httpAndHttpsAddressesBecomeLinksAndNothingIsLost() {
        String text = "登録: https://machi.example/verify?t=a&b=c。\nまたは http://localhost:8080/x.\n終わり";
        assertThat(links(text)).containsExactly("https://machi.example/verify?t=a&b=c", "http://localhost:8080/x");
        assertThat(joined(text)).isEqualTo(text);
    }

    @Test
    void otherSchemesAndBrokenAddressesStayText() {
        assertThat(links("javascript:alert(1) data:text/html,x mailto:a@b.c ftp://x.example http:// https://")).isEmpty();
        assertThat(links("<a href=\"javascript:alert(1)\">http://x.example/\"onmouseover=\"y</a>"))
            .containsExactly("http://x.example/");
    }

    @Test
    void bracketsAroundALinkAreNotPartOfIt() {
        assertThat(links("(see https://x.example/a)")).containsExactly("https://x.example/a");
        assertThat(links("https://en.wikipedia.org/wiki/Nerima_(ward)")).containsExactly("https://en.wikipedia.org/wiki/Nerima_(ward)");
    }
}
