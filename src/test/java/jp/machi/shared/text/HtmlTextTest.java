package jp.machi.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** The hand-written markup escapes exactly as Thymeleaf's th:text and attribute values do, byte for byte. */
class HtmlTextTest {

    private static final List<String> SAMPLES = List.of(
        "", "区民館", "a & b", "<script>alert('x')</script>", "\"quoted\" and 'single'", "&amp; already",
        "1 < 2 > 0", "改行\nタブ\t", "絵文字 😀 と ＆＜＞", "/facilities/12?date=2026-12-08&time=09:00");

    @Test
    void escapesTheFiveMarkupCharactersAndNothingElse() {
        assertThat(HtmlText.escape("& < > \" '")).isEqualTo("&amp; &lt; &gt; &quot; &#39;");
        assertThat(HtmlText.escape("区民館 ＆ 😀")).isEqualTo("区民館 ＆ 😀");
        assertThat(HtmlText.escape(null)).isEmpty();
        StringBuilder out = new StringBuilder("<p>");
        assertThat(HtmlText.appendEscaped(out, "a<b").append("</p>")).hasToString("<p>a&lt;b</p>");
    }

    @Test
    void isByteIdenticalToThymeleafTextAndAttributes() {
        SpringTemplateEngine engine = new SpringTemplateEngine(); // SpEL, as in the application
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        engine.setTemplateResolver(resolver);
        for (String s : SAMPLES) {
            Context context = new Context();
            context.setVariable("s", s);
            String rendered = engine.process("<p th:text=\"${s}\">x</p><a th:attr=\"title=${s}\">y</a>", context);
            assertThat(rendered).as(s)
                .isEqualTo("<p>" + HtmlText.escape(s) + "</p>"
                    + (s.isEmpty() ? "<a>y</a>" : "<a title=\"" + HtmlText.escape(s) + "\">y</a>")); // empty: no attribute
        }
    }
}
