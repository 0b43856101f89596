// SPDX-License-Identifier: AGPL-3.0-or-later
//
// The notification benchmarks of issue 12 against a local SMTP sink (bench/java/jp/machi/notification/SmtpSink.java),
// with Machi running as its own process (the jar) on a PostgreSQL that this driver starts and keeps (so Machi can be
// killed with kill -9 and started again on the same data). Run it with bench/notification-bench.sh, which builds the
// class path. Phases (--phases rate,p99,kill):
//
//   rate  an emergency notice to 100,000 confirmed subscribers, from POST /api/v1/notices to the last message
//         accepted by the sink; then a bare Jakarta Mail client sends the same messages (same headers, same sizes,
//         one message per recipient) to the same sink over as many connections as Machi's emergency lane has
//         workers; the ratio of the two rates (target >= 70 %).
//   p99   a 100,000-recipient bulk notice is started; while it runs, emergency notices to 1,000 subscribers each
//         are sent every few seconds; the latency of every emergency message from "send" (the POST) to accepted by
//         the sink (target p99 < 5 s).
//         --warm-up N: before the timed send, N emergency notices to 1,000 subscribers each (not timed), so that Machi's
//         sending code is compiled, as the bare client's is by its earlier runs in this JVM.
//   kill  an emergency notice to 100,000; when the sink has half of it, kill -9 Machi, start it again, wait until the
//         send is finished, and count per recipient: nobody missing, duplicates only with the same Message-ID.
//
// Seeds its subscribers with SQL into Machi's tables (a benchmark-only shortcut); sends with the demo staff member's
// token demo-staff-token (a sender on duty in demo mode, scope notices:send).

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.notification.SmtpSink;

public class NotificationLoad {

    static String jar;
    static int appPort;
    static int dbPort;
    static int subscribers;
    static int workers;
    /** With --warm-up N, the rate phase first sends N emergency notices to the 1,000 small subscribers (not timed). */
    static int warmUp;
    static SmtpSink sink;
    static Process app;
    static Path logDir;
    /** With --jfr FILE, Machi runs under JDK Flight Recorder (settings from --jfr-settings, default "profile"). */
    static String jfr;
    static String jfrSettings;
    /** The demo sender's API token (scope notices:send), given by the notification module's demo data at each start. */
    static final String TOKEN = "demo-staff-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern NOTICE_ID = Pattern.compile("\\.n(\\d+)\\.machi@");

    public static void main(String[] args) throws Exception {
        jar = arg(args, "--jar", null);
        appPort = Integer.parseInt(arg(args, "--port", "18412"));
        dbPort = Integer.parseInt(arg(args, "--db-port", "15441"));
        subscribers = Integer.parseInt(arg(args, "--subscribers", "100000"));
        workers = Integer.parseInt(arg(args, "--emergency-workers", "4"));
        warmUp = Integer.parseInt(arg(args, "--warm-up", "0"));
        List<String> phases = List.of(arg(args, "--phases", "rate,p99,kill").split(","));
        jfr = arg(args, "--jfr", "");
        jfrSettings = arg(args, "--jfr-settings", "profile");
        logDir = Files.createTempDirectory("machi-notification-bench");
        System.out.printf("machine: %s, nproc %d, load %s; logs in %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
            load(), logDir);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(dbPort).setDataDirectory(logDir.resolve("pg").toFile())
                .setCleanDataDirectory(true).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200").setServerConfig("timezone", "UTC")
                .setLocaleConfig("encoding", "UTF8").setLocaleConfig("locale", "C").start();
             SmtpSink smtp = new SmtpSink(0)) {
            sink = smtp;
            // Machi stops before its database and the sink close (the resources above), also when a phase fails
            try {
                startApp();
                seed();
                if (phases.contains("rate")) {
                    rate();
                }
                if (phases.contains("p99")) {
                    p99();
                }
                if (phases.contains("kill")) {
                    kill();
                }
            } finally {
                stopApp();
            }
        }
    }

    // ---- Machi as a process ----

    /**
     * The jar extracted once (Spring Boot's {@code -Djarmode=tools extract}): Machi then loads its classes from plain
     * jars on the class path. Started straight from the fat jar on this 2-core machine, one of two starts hung for good
     * in Spring Boot's nested-jar class loader (two virtual threads pinned while loading classes held both carrier
     * threads and waited for the jar's lock, whose owner, another virtual thread, had no carrier left; spring-boot
     * issue 51463), so the driver runs the extracted layout, as production deployments usually do.
     */
    static String extracted() throws Exception {
        Path dir = logDir.resolve("app");
        if (!Files.isDirectory(dir)) {
            Process p = new ProcessBuilder(javaBin(), "-Djarmode=tools", "-jar", jar, "extract", "--destination", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("extract.log").toFile())).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("extracting " + jar + " failed; see " + logDir.resolve("extract.log"));
            }
        }
        return dir.resolve(Path.of(jar).getFileName()).toString();
    }

    static void startApp() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx1g"));
        if (!jfr.isEmpty()) {
            // one recording per start (the kill phase starts Machi twice)
            String file = app == null ? jfr : jfr.replaceFirst("(\\.jfr)?$", "-" + System.currentTimeMillis() + ".jfr");
            command.add("-XX:StartFlightRecording=settings=" + jfrSettings + ",filename=" + file + ",dumponexit=true");
            System.out.println("JDK Flight Recorder: " + file);
        }
        command.addAll(List.of("-jar", extracted()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("SERVER_PORT", String.valueOf(appPort));
        env.put("MACHI_DB_URL", "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres");
        env.put("MACHI_DB_USER", "postgres");
        env.put("MACHI_DB_PASSWORD", "");
        env.put("MACHI_DEMO", "true");
        env.put("MACHI_SMTP_HOST", "127.0.0.1");
        env.put("MACHI_SMTP_PORT", String.valueOf(sink.port()));
        env.put("MACHI_BASE_URL", "https://bench.machi.example");
        env.put("MACHI_MAIL_FROM", "no-reply@bench.machi.example");
        env.put("MACHI_NOTIFICATION_EMERGENCY_WORKERS", String.valueOf(workers));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("app.log").toFile()));
        long t = System.nanoTime();
        app = pb.start();
        for (int i = 0; i < 600; i++) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (r.body().contains("UP")) {
                    System.out.printf("Machi (pid %d) up in %.1f s%n", app.pid(), (System.nanoTime() - t) / 1e9);
                    return;
                }
            } catch (java.io.IOException e) {
                // not yet
            }
            if (!app.isAlive()) {
                throw new IllegalStateException("Machi exited; see " + logDir.resolve("app.log"));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Machi did not start");
    }

    static void stopApp() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "");
    }

    static void seed() throws Exception {
        long t = System.nanoTime();
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("""
                insert into notification_topic (code, name_ja, name_en) values
                  ('bench-em', 'ベンチ緊急', 'Bench emergency'), ('bench-bulk', 'ベンチお便り', 'Bench newsletter'),
                  ('bench-small', 'ベンチ小', 'Bench small'), ('bench-kill', 'ベンチ停止試験', 'Bench kill')""");
            s.execute("""
                insert into notification_subscription (email, language, status, confirmed_at)
                select 'bench-' || g || '@bench.machi.example', case when mod(g, 10) = 0 then 'en' else 'ja' end, 'ACTIVE', now()
                from generate_series(1, %d) g""".formatted(subscribers));
            s.execute("""
                insert into notification_subscription (email, language, status, confirmed_at)
                select 'small-' || g || '@bench.machi.example', 'ja', 'ACTIVE', now() from generate_series(1, 1000) g""");
            for (String topic : List.of("bench-em", "bench-bulk", "bench-kill")) {
                s.execute("insert into notification_subscription_topic (subscription_id, topic_code) select id, '" + topic
                    + "' from notification_subscription where email like 'bench-%@bench.machi.example'");
            }
            s.execute("insert into notification_subscription_topic (subscription_id, topic_code) select id, 'bench-small' "
                + "from notification_subscription where email like 'small-%@bench.machi.example'");
            s.execute("analyze");
        }
        System.out.printf("seeded %,d subscribers (+1,000 small) in %.1f s%n", subscribers, (System.nanoTime() - t) / 1e9);
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * POST /api/v1/notices; returns the notice id. Emergency notices go ward-wide; a normal or bulk notice goes to one
     * district, because a ward-wide one waits for a second sender's approval. The bench's subscribers chose no
     * districts (= the whole ward), so both reach every one of them.
     */
    static long send(String topic, String priority, String title) throws Exception {
        String areas = "emergency".equals(priority) ? "[]" : "[\"豊玉北\"]";
        String body = """
            {"title": "%s", "body": "ベンチマークのお知らせです。区内に大雨警報が発表されました。川や用水路に近づかず、最新の情報を確かめてください。This is a benchmark notice.",
             "topic": "%s", "areas": %s, "priority": "%s", "language": "ja"}""".formatted(title, topic, areas, priority);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/api/v1/notices"))
            .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 || !r.body().contains("\"sending\"")) {
            throw new IllegalStateException("POST /api/v1/notices: " + r.statusCode() + " " + r.body());
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        m.find();
        return Long.parseLong(m.group(1));
    }

    static long noticeOf(SmtpSink.Accepted a) {
        Matcher m = NOTICE_ID.matcher(a.messageId() == null ? "" : a.messageId());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Accepted messages per notice, counted incrementally from the sink's list (cheap to poll while Machi sends). */
    static final Map<Long, Long> counted = new HashMap<>();
    static int countedUpTo;

    static synchronized long acceptedFor(long notice) {
        List<SmtpSink.Accepted> fresh = sink.acceptedSince(countedUpTo);
        countedUpTo += fresh.size();
        for (SmtpSink.Accepted a : fresh) {
            counted.merge(noticeOf(a), 1L, Long::sum);
        }
        return counted.getOrDefault(notice, 0L);
    }

    /** Empties the sink and the counts. */
    static synchronized void clearSink() {
        sink.clear();
        counted.clear();
        countedUpTo = 0;
    }

    static void awaitCount(long notice, long n, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (acceptedFor(notice) < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notice " + notice + ": only " + acceptedFor(notice) + " of " + n + " accepted");
            }
            Thread.sleep(200);
        }
    }

    // ---- phase: rate ----

    static void rate() throws Exception {
        // the bare client below runs three times in this JVM (its code is compiled by the third run); with --warm-up, Machi's
        // sending path is compiled too before the timed send
        for (int i = 0; i < warmUp; i++) {
            long w = send("bench-small", "emergency", "【ベンチ】準備" + i);
            awaitCount(w, 1000, Duration.ofMinutes(5));
            System.out.printf("warm-up %d: an emergency notice to 1,000 sent%n", i + 1);
        }
        clearSink();
        System.out.printf("%n== rate: emergency notice to %,d, load %s%n", subscribers, load());
        double[] cpu0 = cpu();
        long t0 = System.currentTimeMillis();
        long notice = send("bench-em", "emergency", "【ベンチ】緊急速度");
        long posted = System.currentTimeMillis();
        awaitCount(notice, subscribers, Duration.ofMinutes(30));
        double[] cpu1 = cpu();
        long last = sink.accepted().stream().filter(a -> noticeOf(a) == notice).mapToLong(SmtpSink.Accepted::epochMillis).max().orElseThrow();
        long first = sink.accepted().stream().filter(a -> noticeOf(a) == notice).mapToLong(SmtpSink.Accepted::epochMillis).min().orElseThrow();
        double machi = subscribers / ((last - t0) / 1000.0);
        int avgBytes = (int) sink.accepted().stream().mapToInt(SmtpSink.Accepted::bytes).average().orElse(0);
        System.out.printf("Machi: POST answered after %.2f s (recipients written), first accepted %.2f s, last %.2f s: %.0f messages/s "
            + "(average message %,d bytes, %d SMTP sessions)%n", (posted - t0) / 1000.0, (first - t0) / 1000.0, (last - t0) / 1000.0, machi,
            avgBytes, sink.sessions());
        // the bare client: the same messages, same sink, as many connections as Machi's emergency workers
        clearSink();
        System.out.printf("bare Jakarta Mail client, %d connections, load %s%n", workers, load());
        double[] cpu2 = cpu();
        long b0 = System.currentTimeMillis();
        bare(subscribers, workers);
        double[] cpu3 = cpu();
        long bLast = sink.accepted().stream().mapToLong(SmtpSink.Accepted::epochMillis).max().orElseThrow();
        double bare = subscribers / ((bLast - b0) / 1000.0);
        System.out.printf("bare client: %.2f s: %.0f messages/s (average message %,d bytes)%n", (bLast - b0) / 1000.0, bare,
            (int) sink.accepted().stream().mapToInt(SmtpSink.Accepted::bytes).average().orElse(0));
        double k = subscribers / 1000.0;
        System.out.printf("CPU seconds per 1,000 messages: Machi's send: Machi %.2f, PostgreSQL %.2f, driver and sink %.2f; "
            + "bare client: driver (client and sink) %.2f, PostgreSQL %.2f%n", (cpu1[0] - cpu0[0]) / k, (cpu1[1] - cpu0[1]) / k,
            (cpu1[2] - cpu0[2]) / k, (cpu3[2] - cpu2[2]) / k, (cpu3[1] - cpu2[1]) / k);
        System.out.printf("RESULT rate: Machi %.0f/s, bare %.0f/s, ratio %.1f %% (target >= 70 %%); load %s%n", machi, bare, 100 * machi / bare, load());
        // the bare client again, given the same Jakarta Mail setting Machi makes (mail.JakartaMailStreams: the StreamProvider
        // named, not looked up with ServiceLoader for every encoded header): the fairer comparison
        clearSink();
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        double[] cpu4 = cpu();
        long c0 = System.currentTimeMillis();
        bare(subscribers, workers);
        double[] cpu5 = cpu();
        System.clearProperty("jakarta.mail.util.StreamProvider");
        long cLast = sink.accepted().stream().mapToLong(SmtpSink.Accepted::epochMillis).max().orElseThrow();
        double tuned = subscribers / ((cLast - c0) / 1000.0);
        System.out.printf("bare client with the stream provider named: %.2f s: %.0f messages/s; CPU seconds per 1,000: driver %.2f%n",
            (cLast - c0) / 1000.0, tuned, (cpu5[2] - cpu4[2]) / k);
        System.out.printf("RESULT rate (bare client tuned like Machi): Machi %.0f/s, bare %.0f/s, ratio %.1f %%; load %s%n", machi, tuned,
            100 * machi / tuned, load());
    }

    /** A few lines of Jakarta Mail: one message per recipient, one connection per thread, kept open throughout. */
    static void bare(int n, int threads) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(sink.port()));
        Session session = Session.getInstance(p);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        String text = """
            ベンチマーク（素のクライアント）

            ベンチマークのお知らせです。区内に大雨警報が発表されました。川や用水路に近づかず、最新の情報を確かめてください。This is a benchmark notice.

            ――――――――――――――――
            このお知らせは次のページにも掲載しています。
            https://bench.machi.example/notices/1

            このメールは、区の情報メールで「ベンチ緊急」を登録された方にお送りしています。
            「ベンチ緊急」の配信を止める:
            https://bench.machi.example/notifications/unsubscribe/%d.u-bench-em.AAAAAAAAAAAAAAAAAAAAAA
            登録内容の変更・すべての配信の停止:
            https://bench.machi.example/notifications/manage/%d.m.AAAAAAAAAAAAAAAAAAAAAA

            練馬区（このアドレスは送信専用です。返信はできません）
            """;
        for (int t = 0; t < threads; t++) {
            int me = t;
            done.add(pool.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    for (int i = me; i < n; i += threads) {
                        String to = "bench-" + (i + 1) + "@bench.machi.example";
                        String id = "<" + i + ".n0.bare@bench.machi.example>";
                        MimeMessage m = new MimeMessage(session) {
                            @Override
                            protected void updateMessageID() throws jakarta.mail.MessagingException {
                                setHeader("Message-ID", id);
                            }
                        };
                        m.setFrom(new InternetAddress("no-reply@bench.machi.example"));
                        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
                        m.setSubject("【緊急・ベンチ緊急】ベンチマーク（素のクライアント）", "UTF-8");
                        m.setText(text.formatted(i, i), "UTF-8");
                        m.setSentDate(new java.util.Date());
                        m.setHeader("Content-Language", "ja");
                        m.setHeader("Auto-Submitted", "auto-generated");
                        m.setHeader("List-Unsubscribe", "<https://bench.machi.example/api/v1/notification/unsubscribe/" + i + ".u-bench-em.AAAAAAAAAAAAAAAAAAAAAA>");
                        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                        m.setHeader("List-Id", "<bench-em.topics.bench.machi.example>");
                        m.setHeader("Importance", "high");
                        transport.sendMessage(m, m.getAllRecipients());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    // ---- phase: p99 during a bulk send ----

    static void p99() throws Exception {
        clearSink();
        System.out.printf("%n== p99: emergency notices of 1,000 while a %,d bulk send runs, load %s%n", subscribers, load());
        long b0 = System.currentTimeMillis();
        long bulk = send("bench-bulk", "bulk", "【ベンチ】お便り");
        awaitCount(bulk, Math.min(5000, subscribers / 20), Duration.ofMinutes(10)); // the bulk send is under way
        Map<Long, Long> sentAt = new HashMap<>();
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
            long t = System.currentTimeMillis();
            long id = send("bench-small", "emergency", "【ベンチ】緊急" + i);
            sentAt.put(id, t);
            Thread.sleep(3000);
        }
        for (long id : sentAt.keySet()) {
            awaitCount(id, 1000, Duration.ofMinutes(10));
        }
        long bulkDuringEmergencies = acceptedFor(bulk);
        List<Long> latencies = new ArrayList<>();
        for (SmtpSink.Accepted a : sink.accepted()) {
            Long t = sentAt.get(noticeOf(a));
            if (t != null) {
                latencies.add(a.epochMillis() - t);
            }
        }
        latencies.sort(null);
        System.out.printf("bulk accepted when the last emergency message was: %,d of %,d (still running: %s)%n", bulkDuringEmergencies,
            subscribers, bulkDuringEmergencies < subscribers);
        System.out.printf("RESULT p99: %d emergency messages; from send to accepted: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms "
            + "(target p99 < 5000 ms); load %s%n", latencies.size(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
            latencies.getLast(), load());
        awaitCount(bulk, subscribers, Duration.ofMinutes(30));
        long bLast = sink.accepted().stream().filter(a -> noticeOf(a) == bulk).mapToLong(SmtpSink.Accepted::epochMillis).max().orElseThrow();
        System.out.printf("bulk send finished after %.1f s (%.0f messages/s with the emergencies in between)%n", (bLast - b0) / 1000.0,
            subscribers / ((bLast - b0) / 1000.0));
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    // ---- phase: kill -9 in the middle ----

    static void kill() throws Exception {
        clearSink();
        System.out.printf("%n== kill: emergency notice to %,d, kill -9 at half, restart; load %s%n", subscribers, load());
        long notice = send("bench-kill", "emergency", "【ベンチ】停止試験");
        awaitCount(notice, subscribers / 2, Duration.ofMinutes(30));
        new ProcessBuilder("kill", "-9", String.valueOf(app.pid())).inheritIO().start().waitFor();
        app.waitFor();
        Thread.sleep(500);
        long atKill = acceptedFor(notice);
        String statuses = statuses(notice);
        System.out.printf("killed (kill -9) pid %d with %,d accepted by the sink; database: %s%n", app.pid(), atKill, statuses);
        long r0 = System.currentTimeMillis();
        startApp();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!statuses(notice).matches("SENT=" + subscribers + "\\b.*") && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        Thread.sleep(2000);
        long r1 = System.currentTimeMillis();
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (SmtpSink.Accepted a : sink.accepted()) {
            if (noticeOf(a) == notice) {
                byRecipient.computeIfAbsent(a.recipients().getFirst(), k -> new ArrayList<>()).add(a.messageId());
            }
        }
        int missing = 0;
        for (int i = 1; i <= subscribers; i++) {
            if (!byRecipient.containsKey("bench-" + i + "@bench.machi.example")) {
                missing++;
            }
        }
        long twice = byRecipient.values().stream().filter(l -> l.size() > 1).count();
        long sameId = byRecipient.values().stream().filter(l -> l.size() > 1).filter(l -> l.stream().distinct().count() == 1).count();
        long more = byRecipient.values().stream().filter(l -> l.size() > 2).count();
        System.out.printf("after the restart: database %s; finished %.1f s after the restart began%n", statuses(notice), (r1 - r0) / 1000.0);
        System.out.printf("RESULT kill: %,d recipients, %,d missing, %,d received it twice (%,d of them with the same Message-ID), "
            + "%,d more than twice; accepted before the kill %,d; load %s%n", subscribers, missing, twice, sameId, more, atKill, load());
    }

    static String statuses(long notice) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select status, count(*) from notification_delivery where notice_id = " + notice
                 + " group by status order by status desc")) {
            while (rs.next()) {
                b.append(b.isEmpty() ? "" : " ").append(rs.getString(1)).append('=').append(rs.getLong(2));
            }
        }
        return b.toString();
    }

    /** CPU seconds used so far by Machi's process, by this benchmark's PostgreSQL (postmaster and children), and by this driver. */
    static double[] cpu() {
        double machi = app != null && app.isAlive() ? cpuOf(app.pid()) : 0;
        double pg = 0;
        long postmaster = -1;
        String dataDir = logDir.resolve("pg").toString();
        Map<Long, Long> parent = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name);
                    String stat = Files.readString(d.resolve("stat"));
                    parent.put(pid, Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]));
                    if (postmaster < 0 && new String(Files.readAllBytes(d.resolve("cmdline"))).contains(dataDir)) {
                        postmaster = pid;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return new double[] {machi, 0, cpuOf(ProcessHandle.current().pid())};
        }
        for (var e : parent.entrySet()) {
            if (e.getKey() == postmaster || e.getValue() == postmaster) {
                pg += cpuOf(e.getKey());
            }
        }
        return new double[] {machi, pg, cpuOf(ProcessHandle.current().pid())};
    }

    /** utime + stime of a process (seconds), 0 when it is gone. */
    static double cpuOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return fallback;
    }

}
