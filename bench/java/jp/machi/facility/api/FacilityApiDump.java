package jp.machi.facility.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Writes the API's answers (status, Content-Type, body) for a set of requests over the 5,000 benchmark facilities
 * to target/bench/dump/, so that a change meant to make the API faster can be checked to answer the same bytes:
 * run it before and after ({@code ./mvnw -B -Pbench test -Dtest=FacilityApiDump}, copy the folder away between
 * the runs) and compare with {@code diff -r}. The answers depend on the clock ("today", "open now"): run both
 * within the same hour, away from opening and closing times.
 */
@MachiTest
class FacilityApiDump {

    @Autowired WebApplicationContext context;
    @Autowired DataSource dataSource;

    @Test
    void dump() throws Exception {
        new ResourceDatabasePopulator(new FileSystemResource("bench/facilities-5000.sql")).execute(dataSource);
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
        Map<String, MockHttpServletRequestBuilder> requests = new LinkedHashMap<>();
        requests.put("all-ja", get("/api/v1/facilities").param("bbox", "139.5,35.6,139.8,35.9"));
        requests.put("all-en", get("/api/v1/facilities").param("bbox", "139.5,35.6,139.8,35.9").header("Accept-Language", "en"));
        requests.put("no-filter", get("/api/v1/facilities"));
        requests.put("filtered", get("/api/v1/facilities").param("category", "kumin-kan").param("wifi", "true").param("stepFree", "true"));
        requests.put("word-openAt", get("/api/v1/facilities").param("q", "ベンチシセツ12").param("openAt", "2026-12-01T10:00+09:00"));
        requests.put("openAt-holiday", get("/api/v1/facilities").param("openAt", "2027-01-11T10:00+09:00"));
        requests.put("bbox-aed", get("/api/v1/facilities").param("bbox", "139.60,35.73,139.63,35.75").param("aed", "true"));
        requests.put("bad-bbox", get("/api/v1/facilities").param("bbox", "1,2,3"));
        requests.put("bad-openAt-en", get("/api/v1/facilities").param("openAt", "tomorrow").header("Accept-Language", "en"));
        requests.put("bad-stepFree", get("/api/v1/facilities").param("stepFree", "yes"));
        // the same again: answered from the snapshot and the cached JSON fragments (compare with all-ja / all-en)
        requests.put("all-ja-again", get("/api/v1/facilities").param("bbox", "139.5,35.6,139.8,35.9"));
        requests.put("all-en-again", get("/api/v1/facilities").param("bbox", "139.5,35.6,139.8,35.9").header("Accept-Language", "en"));
        Path dir = Path.of("target/bench/dump");
        Files.createDirectories(dir);
        for (var e : requests.entrySet()) {
            MvcResult r = mvc.perform(e.getValue()).andReturn();
            Files.writeString(dir.resolve(e.getKey() + ".head"), r.getResponse().getStatus() + " " + r.getResponse().getContentType()
                + " " + r.getResponse().getCharacterEncoding() + "\n");
            Files.write(dir.resolve(e.getKey() + ".json"), r.getResponse().getContentAsByteArray());
        }
    }
}
