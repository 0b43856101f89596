package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.report.internal.NewReport;
import jp.machi.report.internal.ReportService;
import jp.machi.shared.csv.CsvReader;
import jp.machi.shared.csv.CsvWriter;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The まちレポ open dataset: its CSV (written by PostgreSQL's COPY) holds the same cells as its JSON (written row by
 * row), with the formula-injection rule, CRLF everywhere, and a new report in the very next download.
 */
@MachiTest
class ReportOpenDataTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String CSV = "/opendata/files/131202_machi_reports.csv";

    @LocalServerPort int port;
    @Autowired ReportService service;
    @Autowired JdbcClient jdbc;

    byte[] get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    long submit(String description, String address, double lat, double lon) {
        long id = service.submit(new NewReport("street-light", Map.of("pole_number", List.of("N-1")), description, lat,
            lon, address, List.of(), null, "ja", false, null, null, null), false);
        jdbc.sql("select published from report where id = ?").param(id).query(Boolean.class).single();
        return id;
    }

    static List<String> row(List<CsvReader.Row> rows, long id) {
        return rows.stream().map(CsvReader.Row::cells).filter(c -> c.get(0).equals(Long.toString(id))).findFirst()
            .orElseThrow(() -> new AssertionError("report " + id + " is not in the file"));
    }

    @Test
    void theCsvHasTheJsonsCellsWithFormulasNeutralisedAndCrlfLineBreaks() throws Exception {
        String marker = UUID.randomUUID().toString();
        String description = "=1+2 \"引用\", カンマ " + marker + "\n二行目\r\n三行目";
        long id = submit(description, "@旭丘1丁目", 35.7356, 139.6516);
        long negative = submit("-12", "-3", 35.74, 139.65);
        // a place no resident could report here, but a ward elsewhere has: negative coordinates (the report module's own table)
        jdbc.sql("update report set lat = -0.5, lon = -139.6916 where id = ?").param(negative).update();

        byte[] bytes = get(CSV);
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(text).endsWith("\r\n");
        CsvReader.Parsed parsed = CsvReader.read(bytes);
        assertThat(parsed.ok()).isTrue();
        List<CsvReader.Row> rows = parsed.rows();
        assertThat(rows.get(0).cells()).containsExactly("ID", "全国地方公共団体コード", "種別コード", "種別", "状態", "状態の説明",
            "内容", "住所", "緯度", "経度", "担当課", "受付日時", "更新日時", "対応予定日", "完了日時");

        List<String> mine = row(rows, id);
        assertThat(mine.get(1)).isEqualTo("131202");
        assertThat(mine.get(4)).isEqualTo("受付");
        assertThat(mine.get(6)).isEqualTo("'=1+2 \"引用\", カンマ " + marker + "\r\n二行目\r\n三行目");
        assertThat(mine.get(7)).isEqualTo("'@旭丘1丁目");
        assertThat(mine.get(8)).isEqualTo("35.735600");
        assertThat(mine.get(9)).isEqualTo("139.651600");
        assertThat(mine.get(10)).isNotBlank().doesNotContain("-");
        assertThat(mine.get(11)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+09:00");
        assertThat(mine.get(13)).matches("\\d{4}-\\d\\d-\\d\\d");
        assertThat(mine.get(14)).isEmpty();
        // negative numbers stay numbers; a text that is a negative number too
        List<String> neg = row(rows, negative);
        assertThat(neg.subList(6, 10)).containsExactly("-12", "-3", "-0.500000", "-139.691600");

        // the JSON file is written row by row in Java: every cell of the CSV is that cell as CsvWriter writes it
        JsonNode json = JsonMapper.builder().build().readTree(get("/opendata/files/131202_machi_reports.json"));
        String[] keys = {"identifier", "localGovernmentCode", "categoryCode", "category", "status", "statusReason",
            "description", "address", "latitude", "longitude", "department", "requestedAt", "updatedAt", "expectedDate",
            "resolvedAt"};
        assertThat(json.size()).isEqualTo(rows.size() - 1);
        for (int i = 0; i < json.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String k : keys) {
                JsonNode v = json.get(i).get(k);
                expected.add((String) CsvWriter.cell(v == null || v.isNull() ? null : v.asString()));
            }
            assertThat(rows.get(i + 1).cells()).as("row %d", i + 1).isEqualTo(expected);
        }
    }

    @Test
    void aNewReportIsInTheNextDownload() throws Exception {
        get(CSV);
        String marker = "新しいレポート " + UUID.randomUUID();
        long id = submit(marker, "旭丘2丁目", 35.74, 139.65);
        List<String> mine = row(CsvReader.read(get(CSV)).rows(), id);
        assertThat(mine.get(6)).isEqualTo(marker);
    }
}
