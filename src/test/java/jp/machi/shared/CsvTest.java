package jp.machi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.machi.shared.csv.CsvReader;
import jp.machi.shared.csv.CsvWriter;
import org.junit.jupiter.api.Test;

/** The one CSV reader and writer (shared.csv, on Apache Commons CSV). */
class CsvTest {

    @Test
    void shiftJisAndUtf8WithBomAreToldFromTheBytes() {
        String text = "名称,住所\r\n練馬区役所,\"豊玉北6-12-1, 本庁舎\"\r\n";
        CsvReader.Parsed sjis = CsvReader.read(text.getBytes(CsvReader.SHIFT_JIS));
        assertThat(sjis.encoding()).isEqualTo("Shift_JIS");
        assertThat(sjis.rows()).extracting(CsvReader.Row::cells)
            .containsExactly(List.of("名称", "住所"), List.of("練馬区役所", "豊玉北6-12-1, 本庁舎"));
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        CsvReader.Parsed utf8 = CsvReader.read(bom);
        assertThat(utf8.encoding()).isEqualTo("UTF-8 (BOM)");
        assertThat(utf8.rows().get(1).cells().get(0)).isEqualTo("練馬区役所");
        assertThat(CsvReader.read(text.getBytes(StandardCharsets.UTF_8)).encoding()).isEqualTo("UTF-8");
    }

    @Test
    void rowsKeepTheirPhysicalLineAndProblemsAreNamed() {
        CsvReader.Parsed p = CsvReader.parse("a,b\n\n\"multi\nline\",x\nc,d\n");
        assertThat(p.ok()).isTrue();
        assertThat(p.rows()).extracting(CsvReader.Row::line).containsExactly(1, 3, 5);
        assertThat(CsvReader.parse("a,b\n\"open,x\n").problem()).isEqualTo(CsvReader.Problem.UNCLOSED_QUOTE);
        CsvReader.Parsed quote = CsvReader.parse("a,b\nc,d\n\"x\"y,z\n");
        assertThat(quote.problem()).isEqualTo(CsvReader.Problem.QUOTE);
        assertThat(quote.badLine()).isEqualTo(3);
        assertThat(CsvReader.read(new byte[0]).problem()).isEqualTo(CsvReader.Problem.EMPTY);
        assertThat(CsvReader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}).problem())
            .isEqualTo(CsvReader.Problem.BINARY);
    }

    @Test
    void theWriterWritesBomCrlfQuotesAndNeutralisesFormulas() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.to(out)) {
            csv.row("id", "text", "n");
            csv.row(1L, "=HYPERLINK(\"http://x\")", -3);
            csv.row(2L, "+81 3", null);
            csv.row(3L, "'quoted", 1.5);
            csv.row(4L, "@SUM(A1)", "-2");
            csv.row(5L, "\tTab", "line\nbreak");
        }
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).isEqualTo("id,text,n\r\n"
            + "1,\"'=HYPERLINK(\"\"http://x\"\")\",-3\r\n"
            + "2,'+81 3,\r\n"
            + "3,''quoted,1.5\r\n"
            + "4,'@SUM(A1),-2\r\n"
            + "5,'\tTab,\"line\r\nbreak\"\r\n");
        CsvReader.Parsed back = CsvReader.read(bytes);
        assertThat(back.rows().get(1).cells().get(1)).isEqualTo("'=HYPERLINK(\"http://x\")");
    }

    @Test
    void negativeNumbersStayNumbersButFormulasStartingWithMinusDoNot() {
        assertThat(CsvWriter.neutralise("-2")).isEqualTo("-2");
        assertThat(CsvWriter.neutralise("-0.5")).isEqualTo("-0.5");
        assertThat(CsvWriter.neutralise("-.5")).isEqualTo("-.5");
        assertThat(CsvWriter.neutralise("-139.691700")).isEqualTo("-139.691700");
        assertThat(CsvWriter.neutralise("-1.5E3")).isEqualTo("-1.5E3");
        // anything more than a number is still neutralised
        assertThat(CsvWriter.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.neutralise("-1+cmd|' /C calc'!A0")).isEqualTo("'-1+cmd|' /C calc'!A0");
        assertThat(CsvWriter.neutralise("-")).isEqualTo("'-");
        assertThat(CsvWriter.neutralise("-1,000")).isEqualTo("'-1,000");
        assertThat(CsvWriter.neutralise("-2\n=1")).isEqualTo("'-2\n=1");
        assertThat(CsvWriter.neutralise("- 2")).isEqualTo("'- 2");
        assertThat(CsvWriter.neutralise("-0x1F")).isEqualTo("'-0x1F");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.to(out)) {
            csv.row("-1200", -3, "-0.25", "-2+3");
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1))
            .isEqualTo("-1200,-3,-0.25,'-2+3\r\n");
    }
}
