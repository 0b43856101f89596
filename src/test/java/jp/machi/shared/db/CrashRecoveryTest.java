package jp.machi.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.machi.support.MachiProcess;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 8: after kill -9 the embedded PostgreSQL kept running as an orphan and held the data folder, so the
 * next start waited 60 s and exited. Machi runs here in a child process on its own data folder; it is killed — the
 * JVM, then PostgreSQL, then both — and each restart must come up by itself, in about the usual start time, with the
 * data written before the crash.
 */
class CrashRecoveryTest {

    static final Duration START = Duration.ofMinutes(4);

    @Test
    void machiComesBackAfterEveryKindOfCrashWithItsData() throws Exception {
        Path data = Path.of("target", "crash-recovery", UUID.randomUUID().toString()).toAbsolutePath();
        int dbPort = MachiProcess.freePort();
        Map<String, String> env = Map.of("MACHI_DATA_DIR", data.toString(), "MACHI_DB_PORT", Integer.toString(dbPort),
            "MACHI_DEMO", "true", "LOGGING_LEVEL_ROOT", "WARN", "LOGGING_LEVEL_JP_MACHI", "INFO");
        String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/postgres";
        List<String> emails = new java.util.ArrayList<>();

        long t0 = System.nanoTime();
        MachiProcess first = new MachiProcess("crash-recovery-1", env).start(START);
        Duration usual = Duration.ofNanos(System.nanoTime() - t0);
        emails.add(register(first));
        assertThat(accounts(jdbc, emails)).isEqualTo(1);

        // 1. Machi dies, PostgreSQL lives on as an orphan holding the folder
        long orphan = postmaster(data).orElseThrow();
        first.kill();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the orphan").contains(true);
        MachiProcess second = restart("crash-recovery-2", env, usual);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphan was stopped").isFalse();
        assertThat(second.log()).content().contains("left by an earlier Machi");
        assertThat(accounts(jdbc, emails)).isEqualTo(1);
        emails.add(register(second));

        // 2. PostgreSQL dies; Machi is restarted
        ProcessHandle postgres = ProcessHandle.of(postmaster(data).orElseThrow()).orElseThrow();
        postgres.destroyForcibly();
        postgres.onExit().get();
        second.close();
        MachiProcess third = restart("crash-recovery-3", env, usual);
        assertThat(accounts(jdbc, emails)).isEqualTo(2);
        emails.add(register(third));

        // 3. both die at once
        ProcessHandle pg = ProcessHandle.of(postmaster(data).orElseThrow()).orElseThrow();
        third.kill();
        pg.destroyForcibly();
        pg.onExit().get();
        MachiProcess fourth = restart("crash-recovery-4", env, usual);
        assertThat(accounts(jdbc, emails)).isEqualTo(3);
        fourth.close();
        postmaster(data).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
    }

    /** Starts Machi again and checks it came up within the usual start time (with room for a loaded machine). */
    static MachiProcess restart(String name, Map<String, String> env, Duration usual) throws Exception {
        long t0 = System.nanoTime();
        MachiProcess m = new MachiProcess(name, env).start(START);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).as("restart %s took %s, the first start %s", name, took, usual)
            .isLessThan(usual.multipliedBy(2).plusSeconds(30));
        return m;
    }

    /** Registers a resident through the page (the verification mail stays in the outbox); returns the address. */
    static String register(MachiProcess machi) throws Exception {
        String email = "crash-" + UUID.randomUUID() + "@example.jp";
        var r = new WebSession(machi.port()).post("/register", "/register", Map.of("email", email,
            "password", "a passphrase that survives", "displayName", "再起動 花子", "language", "ja"));
        assertThat(r.statusCode()).as("registration answered").isEqualTo(302);
        return email;
    }

    static long accounts(String jdbc, List<String> emails) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from account where email in ('"
                 + String.join("','", emails) + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The live postmaster of the folder, from its postmaster.pid. */
    static Optional<Long> postmaster(Path data) throws Exception {
        Path pid = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        long n = Long.parseLong(Files.readAllLines(pid).getFirst().strip());
        return ProcessHandle.of(n).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }
}
