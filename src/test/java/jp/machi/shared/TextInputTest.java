package jp.machi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jp.machi.shared.text.TextInput;
import jp.machi.shared.time.DateInput;
import org.junit.jupiter.api.Test;

/** The one rule for text and dates people and machines send (shared.text.TextInput, shared.time.DateInput). */
class TextInputTest {

    @Test
    void controlCharactersAreRemovedLineBreaksAndTabsKept() {
        assertThat(TextInput.clean("a\u0000b\u0007c\u001bd\u007fe\u0085f")).isEqualTo("abcdef");
        assertThat(TextInput.clean("一行目\r\n二行目\r三行目\n\t字下げ")).isEqualTo("一行目\n二行目\n三行目\n\t字下げ");
        assertThat(TextInput.clean("x\uD800y\uDC00z\uFFFF")).isEqualTo("xyz");
        assertThat(TextInput.clean("絵文字😀")).isEqualTo("絵文字😀");
        assertThat(TextInput.clean(null)).isNull();
        String clean = "練馬区豊玉北6-12-1 ①２";
        assertThat(TextInput.clean(clean)).isSameAs(clean);
    }

    @Test
    void textIsComposedAsNfcButFullWidthIsKept() {
        assertThat(TextInput.clean("か\u3099")).isEqualTo("が");
        assertThat(TextInput.clean("ＡＢＣ１２３")).isEqualTo("ＡＢＣ１２３");
        assertThat(TextInput.singleLine("a\nb\tc")).isEqualTo("a b c");
        assertThat(TextInput.tooLong("x".repeat(TextInput.MAX_LENGTH + 1))).isTrue();
    }

    @Test
    void datesOutsideFourDigitYearsAreRefused() {
        assertThat(DateInput.parse("2026-11-23")).hasValueSatisfying(d -> assertThat(d.getYear()).isEqualTo(2026));
        assertThat(DateInput.parse("+999999999-12-31")).isEmpty();
        assertThat(DateInput.parse("-999999999-01-01")).isEmpty();
        assertThat(DateInput.parse("1800-01-01")).isEmpty();
        assertThat(DateInput.parse("2026-02-30")).isEmpty();
        assertThat(DateInput.parse("")).isEmpty();
    }
}
