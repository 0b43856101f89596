package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The facility datasets of the open data portal are never stale: a changed facility is in the next download. */
@MachiTest
class FacilityOpenDataTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private HttpResponse<String> get(String path, String etag) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aChangedFacilityIsInTheNextDownload() throws Exception {
        String id = "od-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                insert into facility (id, name_ja, department_code, address, lat, lon, aed, aed_location)
                values (?, 'オープンデータ会館', 'bosai-keikaku', '東京都練馬区豊玉北6-12-1（テスト）', 35.7356, 139.6516, true, '1階受付')""")
            .param(id).update();
        HttpResponse<String> first = get("/opendata/files/131202_aed.csv", null);
        assertThat(first.body()).contains(id + ",").contains("オープンデータ会館").contains("1階受付");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/opendata/files/131202_aed.csv", etag).statusCode()).isEqualTo(304);

        jdbc.sql("update facility set name_ja = 'オープンデータ会館（新館）', aed_location = '2階ロビー' where id = ?").param(id).update();
        HttpResponse<String> second = get("/opendata/files/131202_aed.csv", etag);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        // the facility's own row (other tests' facilities may well have an AED at a 1階受付 too)
        String row = second.body().lines().filter(l -> l.contains(id + ",")).findFirst().orElseThrow();
        assertThat(row).contains("オープンデータ会館（新館）").contains("2階ロビー").doesNotContain("1階受付");
        assertThat(get("/opendata/files/131202_aed.json", null).body()).contains("オープンデータ会館（新館）");

        jdbc.sql("update facility set aed = false where id = ?").param(id).update();
        assertThat(get("/opendata/files/131202_aed.csv", null).body()).doesNotContain(id + ",");
        assertThat(get("/opendata/files/131202_public_facility.csv", null).body()).contains(id + ",");
        jdbc.sql("delete from facility where id = ?").param(id).update();
    }
}
