package jp.machi.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The map's GeoJSON is answered from an in-memory snapshot; whatever changes the facility tables (here plain SQL,
 * as another instance or a DBA would) shows in the very next answer: a new facility, a new name, its hours, its
 * deletion.
 */
@MachiTest
class FacilitySnapshotTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;

    String geojson(MockMvc mvc, String bbox, String more) throws Exception {
        return mvc.perform(get("/api/v1/facilities?bbox=" + bbox + more)).andExpect(status().isOk()).andReturn().getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyChangeShowsInTheNextAnswer() throws Exception {
        MockMvc mvc = StaffLogin.mockMvc(context);
        String id = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        // a spot in the sea south of Tokyo that no other test uses
        String bbox = "139.9001,34.9001,139.9002,34.9002";
        assertThat(geojson(mvc, bbox, "")).contains("\"numberMatched\":0");

        jdbc.sql("insert into facility (id, name_ja, department_code, lat, lon, address) values (?, 'スナップ館', 'bosai-keikaku', 34.90015, 139.90015, '東京都練馬区豊玉北6-12-1（テスト）')")
            .param(id).update();
        jdbc.sql("insert into facility_hours (facility_id, weekday, opens, closes) select ?, d, '00:00', '23:59' from generate_series(1, 7) d")
            .param(id).update();
        String first = geojson(mvc, bbox, "");
        assertThat(first).contains("\"id\":\"" + id + "\"").contains("スナップ館").contains("\"open\":true");

        jdbc.sql("update facility set name_ja = 'スナップ新館', wifi = true where id = ?").param(id).update();
        assertThat(geojson(mvc, bbox, "")).contains("スナップ新館").doesNotContain("スナップ館\"");
        assertThat(geojson(mvc, bbox, "&wifi=true")).contains("\"numberMatched\":1");
        assertThat(geojson(mvc, bbox, "&wifi=false")).contains("\"numberMatched\":0");

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        jdbc.sql("insert into facility_hours_exception (facility_id, day, closed, reason_ja) values (?, ?, true, '点検')")
            .params(id, today).update();
        assertThat(geojson(mvc, bbox, "")).contains("\"open\":false").contains("EXCEPTION_CLOSED");

        jdbc.sql("insert into facility_category_link (facility_id, category_code) values (?, 'kumin-kan')").param(id).update();
        assertThat(geojson(mvc, bbox, "&category=kumin-kan")).contains("\"numberMatched\":1");

        jdbc.sql("delete from facility where id = ?").param(id).update();
        assertThat(geojson(mvc, bbox, "")).contains("\"numberMatched\":0");
    }

    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    /** Two staff members saving two facilities in opposite orders: one waits for the other, neither fails. */
    @Test
    void writersInOppositeOrderDoNotDeadlockOnTheRevisionCounter() throws Exception {
        String a = "snap-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "snap-b-" + UUID.randomUUID().toString().substring(0, 8);
        for (String id : new String[] {a, b}) {
            jdbc.sql("insert into facility (id, name_ja, department_code, address) values (?, '順序', 'bosai-keikaku', '東京都練馬区豊玉北6-12-1（テスト）')").param(id).update();
        }
        var tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        var firstWrote = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(() -> tx.executeWithoutResult(s -> {
                jdbc.sql("update facility set notes = 'one' where id = ?").param(a).update();
                firstWrote.countDown();
                sleep(500);
                jdbc.sql("update facility set notes = 'one' where id = ?").param(b).update();
            }));
            var two = pool.submit(() -> tx.executeWithoutResult(s -> {
                await(firstWrote);
                jdbc.sql("update facility set notes = 'two' where id = ?").param(b).update();
                jdbc.sql("update facility set notes = 'two' where id = ?").param(a).update();
            }));
            one.get(30, java.util.concurrent.TimeUnit.SECONDS);
            two.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select notes from facility where id in (?, ?)").params(a, b).query(String.class).list())
            .containsOnly("two");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
