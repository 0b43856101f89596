package jp.machi.facility.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * In-process benchmark of the facility API with 5,000 generated facilities on the real embedded PostgreSQL:
 * the controller method as the HTTP request calls it (one SQL query, hours computed in memory, JSON written as
 * UTF-8 bytes into a response that counts and drops them), without the network. Warm-up, then many timed iterations; p50/p95/p99 are printed and written to
 * target/bench/facility-inprocess.txt. Run with {@code ./mvnw -B -Pbench test -Dtest=FacilityApiBench}
 * (the bench profile adds bench/java as a test source; the normal build never compiles or runs it).
 */
@MachiTest
class FacilityApiBench {

    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 1000);

    @Autowired FacilityApiController api;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired jp.machi.facility.internal.FacilityRepository repository;

    final Sink sink = new Sink();

    record Figures(String name, int results, int bytes, double p50, double p95, double p99, double max) {
        String line() {
            return String.format(Locale.ROOT, "| %s | %d | %d KiB | %.1f ms | %.1f ms | %.1f ms | %.1f ms |", name, results,
                bytes / 1024, p50, p95, p99, max);
        }
    }

    @Test
    void run() throws Exception {
        new ResourceDatabasePopulator(new FileSystemResource("bench/facilities-5000.sql")).execute(dataSource);
        long total = jdbc.sql("select count(*) from facility").query(Long.class).single();
        long bench = jdbc.sql("select count(*) from facility where id like 'bench-%'").query(Long.class).single();
        assertThat(bench).isEqualTo(5000);
        MockHttpServletRequest request = new MockHttpServletRequest();
        List<Figures> figures = new ArrayList<>();
        figures.add(measure("filtered search: category=kumin-kan&wifi=true&stepFree=true", () ->
            api.list(null, List.of("kumin-kan"), null, "true", null, "true", null, request, sink)));
        figures.add(measure("filtered search: q=べんちしせつ12 (word) & openAt", () ->
            api.list("ベンチシセツ12", null, null, null, null, null, "2026-12-01T10:00+09:00", request, sink)));
        figures.add(measure("filtered search: bbox of ~1/16 of the ward & aed=true", () ->
            api.list(null, null, "139.60,35.73,139.63,35.75", null, "true", null, null, request, sink)));
        var everything = new jp.machi.facility.internal.FacilityQuery(null, java.util.Set.of(), new double[] {139.5, 35.6, 139.8, 35.9},
            null, null, java.util.Set.of(), null);
        figures.add(measure("  for comparison: the SQL search of all (the path with words; no longer used for the map)", () -> {
            int n = repository.search(everything).size();
            return ResponseEntity.ok("{\"numberMatched\":" + n + "}");
        }));
        var found = repository.search(everything);
        var today = java.time.LocalDate.now();
        figures.add(measure("  for comparison: SQL of the hours rules of all", () -> {
            int n = repository.rules(found, today, today).size();
            return ResponseEntity.ok("{\"numberMatched\":" + n + "}");
        }));
        figures.add(measure("bbox GeoJSON of all (" + total + " facilities)", () ->
            api.list(null, null, "139.5,35.6,139.8,35.9", null, null, null, null, request, sink)));
        // the worst case for the snapshot: something changed before every request, so each one reloads it
        figures.add(measure("bbox GeoJSON of all, the facility tables changed before each request", () -> {
            jdbc.sql("update facility_revision set rev = rev + 1").update();
            return api.list(null, null, "139.5,35.6,139.8,35.9", null, null, null, null, request, sink);
        }));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "facilities in the table: %d (5,000 generated); warm-up %d, measured %d iterations each%n",
            total, WARMUP, ITERATIONS));
        out.append("| request | features | size | p50 | p95 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        figures.forEach(f -> out.append(f.line()).append('\n'));
        System.out.println(out);
        Path file = Path.of("target/bench/facility-inprocess.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
    }

    private Figures measure(String name, Call call) throws Exception {
        sink.keep = new ByteArrayOutputStream();
        ResponseEntity<String> first = call.get();
        String body;
        if (first == null) { // written into the response
            assertThat(sink.getStatus()).isEqualTo(200);
            body = sink.keep.toString(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            assertThat(first.getStatusCode().value()).isEqualTo(200);
            body = first.getBody();
        }
        sink.keep = null;
        int results = Integer.parseInt(body.substring(body.lastIndexOf("\"numberMatched\":") + 16, body.length() - 1));
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        double[] ms = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new Figures(name, results, body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, pct(ms, 50), pct(ms, 95),
            pct(ms, 99), ms[ms.length - 1]);
    }

    interface Call {
        ResponseEntity<String> get() throws Exception;
    }

    /**
     * The response the GeoJSON is written into: bytes are counted and dropped (kept only for the first call), as
     * a network connection would take them; UTF-8 encoding is part of the measured time.
     */
    static final class Sink extends HttpServletResponseWrapper {
        ByteArrayOutputStream keep;
        long bytes;
        private int status = 200;

        Sink() {
            super(new MockHttpServletResponse());
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    bytes++;
                    if (keep != null) {
                        keep.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes += len;
                    if (keep != null) {
                        keep.write(b, off, len);
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
