package jp.machi.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.support.MachiProcess;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 9: the restore drill of docs/operations.md, run in every build on a small database. Machi runs in a
 * child process on the embedded server with the demo data and one more resident; {@link Backup} copies its database
 * while it runs; a second Machi starts on an empty folder without demo data, the backup is restored into it, and
 * after a restart the ward is back: the same rows in the tables people care about, the audit chain intact, the
 * resident can sign in. A backup of another schema version is refused and changes nothing.
 * (One test, because each Machi start costs the build half a minute.)
 */
class BackupRestoreDrillTest {

    static final List<String> COMPARED = List.of("account", "audit_entry", "facility", "report", "reservation_booking",
        "mail_outbox");

    @Test
    void aBackupTakenWhileMachiRunsRestoresTheWard() throws Exception {
        Path root = Path.of("target", "restore-drill", UUID.randomUUID().toString()).toAbsolutePath();
        Path file = root.resolve("machi.backup.zip");
        Files.createDirectories(root);

        int portA = MachiProcess.freePort();
        String jdbcA = "jdbc:postgresql://localhost:" + portA + "/postgres";
        Map<String, String> before;
        String email;
        try (MachiProcess a = new MachiProcess("restore-drill-original", env(root.resolve("original"), portA, true))
                .start(CrashRecoveryTest.START)) {
            email = CrashRecoveryTest.register(a);
            try (Connection c = DriverManager.getConnection(jdbcA, "postgres", "")) {
                Backup.Summary s = Backup.backup(c, file);
                assertThat(s.tables()).isGreaterThan(30);
                assertThat(s.rows()).isGreaterThan(1000);
                before = digests(c);
            }
        }
        assertThat(before.get("account")).isNotEqualTo(digestOfNothing());

        int portB = MachiProcess.freePort();
        String jdbcB = "jdbc:postgresql://localhost:" + portB + "/postgres";
        Map<String, String> envB = env(root.resolve("restored"), portB, false);
        try (MachiProcess b = new MachiProcess("restore-drill-empty", envB).start(CrashRecoveryTest.START)) {
            try (Connection c = DriverManager.getConnection(jdbcB, "postgres", "")) {
                assertThat(count(c, "account")).as("an empty Machi without demo data").isZero();
                long rows = rows(c);
                assertThatThrownBy(() -> Backup.restore(c, otherVersion(root))).hasMessageContaining("schema version");
                assertThat(rows(c)).as("a refused restore changes nothing").isEqualTo(rows);
                Backup.restore(c, file);
            }
        }
        try (MachiProcess b = new MachiProcess("restore-drill-restored", envB).start(CrashRecoveryTest.START);
             Connection c = DriverManager.getConnection(jdbcB, "postgres", "")) {
            assertThat(digests(c)).isEqualTo(before);
            assertThat(count(c, "account where email = '" + email + "'")).isEqualTo(1);
            assertThat(new WebSession(b.port()).signIn("resident@demo.machi.example", "a wrong password")).contains("error");
            assertThat(new WebSession(b.port()).signIn("resident@demo.machi.example", "machi-demo-2026"))
                .as("the demo resident signs in on the restored ward").isNotEmpty().doesNotContain("error");
        }
    }

    /** A backup made by a Machi of another schema version. */
    static Path otherVersion(Path root) throws Exception {
        Path file = root.resolve("other-version.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.properties"));
            zip.write(("format=" + Backup.FORMAT + "\nflyway=1 (1 migrations)\ntables=account\n").getBytes());
            zip.closeEntry();
        }
        return file;
    }

    /** The rows of all tables. */
    static long rows(Connection c) throws Exception {
        long n = 0;
        for (String t : Backup.tables(c).keySet()) {
            n += count(c, "\"" + t + "\"");
        }
        return n;
    }

    static Map<String, String> env(Path data, int dbPort, boolean demo) {
        return Map.of("MACHI_DATA_DIR", data.toString(), "MACHI_DB_PORT", Integer.toString(dbPort),
            "MACHI_DEMO", Boolean.toString(demo), "LOGGING_LEVEL_ROOT", "WARN", "LOGGING_LEVEL_JP_MACHI", "INFO");
    }

    /** A digest of each compared table's rows, in a stable order. */
    static Map<String, String> digests(Connection c) throws Exception {
        Map<String, String> d = new LinkedHashMap<>();
        for (String t : COMPARED) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from " + t + " x")) {
                rs.next();
                d.put(t, rs.getString(1));
            }
        }
        return d;
    }

    static String digestOfNothing() {
        return "d41d8cd98f00b204e9800998ecf8427e";
    }

    static long count(Connection c, String from) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
