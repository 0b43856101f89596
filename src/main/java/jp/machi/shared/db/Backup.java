package jp.machi.shared.db;

import jp.machi.shared.io.NonClosingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A logical backup of Machi's database that needs nothing but JDBC: every table of the schema {@code public} copied out
 * with PostgreSQL's {@code COPY ... TO STDOUT} inside one read-only REPEATABLE READ transaction (one consistent
 * snapshot, taken while Machi runs), with the sequences' positions and the Flyway version, in one zip file.
 *
 * <p>Why not only pg_dump: the embedded server's binaries have no pg_dump, and pg_dump refuses a server newer than
 * itself (Debian 12's client is 15, the embedded server 18). An external database is best backed up with its own
 * pg_dump (docs/operations.md); this tool works for both.
 *
 * <p>A restore goes into a database that Machi of the same version has migrated (the Flyway versions must match): in
 * one transaction it empties every table, copies the rows back with triggers and foreign keys off
 * ({@code session_replication_role = replica}, which needs a superuser: the embedded server's user is one) and
 * puts the sequences back. Then Machi is restarted, so no in-memory cache outlives the data it was made from.
 *
 * <pre>
 * java -cp machi.jar -Dloader.main=jp.machi.shared.db.Backup org.springframework.boot.loader.launch.PropertiesLauncher \
 *      backup  jdbc:postgresql://localhost:5433/postgres machi.backup.zip
 * ... restore jdbc:postgresql://localhost:5433/postgres machi.backup.zip
 * </pre>
 * User and password come from MACHI_DB_USER / MACHI_DB_PASSWORD (default {@code postgres}, no password).
 */
public final class Backup {

    /** Bumped when the layout of the zip changes. */
    static final String FORMAT = "machi-backup-1";
    private static final String HISTORY = "flyway_schema_history";

    private Backup() {}

    /** What a backup holds, for the caller's message. */
    public record Summary(String flywayVersion, int tables, long rows) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("backup") || args[0].equals("restore"))) {
            System.err.println("usage: Backup backup|restore <jdbc-url> <file.zip>");
            System.exit(2);
        }
        String user = System.getenv().getOrDefault("MACHI_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("MACHI_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(args[1], user, password)) {
            Summary s = args[0].equals("backup") ? backup(c, Path.of(args[2])) : restore(c, Path.of(args[2]));
            System.out.printf("%s: %d tables, %d rows, schema version %s%n", args[0], s.tables(), s.rows(), s.flywayVersion());
        }
    }

    /** Writes the whole database to {@code file} (replaced only when the backup is complete). */
    public static Summary backup(Connection c, Path file) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
        try (Statement st = c.createStatement()) {
            st.execute("set transaction isolation level repeatable read, read only");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            Properties manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("created", Instant.now().toString());
            manifest.setProperty("server", c.getMetaData().getDatabaseProductVersion());
            manifest.setProperty("flyway", flywayVersion(c));
            Map<String, List<String>> tables = tables(c);
            manifest.setProperty("tables", String.join(",", tables.keySet()));
            long rows = 0;
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (Map.Entry<String, List<String>> t : tables.entrySet()) {
                    zip.putNextEntry(new ZipEntry("tables/" + t.getKey() + ".copy"));
                    manifest.setProperty("columns." + t.getKey(), String.join(",", t.getValue()));
                    rows += copy.copyOut("copy " + quoted(t.getKey()) + " (" + columns(t.getValue()) + ") to stdout",
                        new NonClosingOutputStream(zip));
                    zip.closeEntry();
                }
                Properties sequences = new Properties();
                try (ResultSet rs = st.executeQuery(
                        "select sequencename, last_value from pg_sequences where schemaname = 'public'")) {
                    while (rs.next()) {
                        sequences.setProperty(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                    }
                }
                zip.putNextEntry(new ZipEntry("sequences.properties"));
                sequences.store(new NonClosingOutputStream(zip), "last_value of each sequence (empty: never used)");
                zip.closeEntry();
                manifest.setProperty("rows", Long.toString(rows));
                zip.putNextEntry(new ZipEntry("manifest.properties"));
                manifest.store(new NonClosingOutputStream(zip), FORMAT);
                zip.closeEntry();
            }
            c.commit();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(manifest.getProperty("flyway"), tables.size(), rows);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Replaces every table's rows with the backup's, in one transaction: on any error nothing is changed. Refuses a
     * backup of another schema version, or one whose tables differ from the database's.
     */
    public static Summary restore(Connection c, Path file) throws SQLException, IOException {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            Properties manifest = properties(zip, "manifest.properties");
            if (!FORMAT.equals(manifest.getProperty("format"))) {
                throw new IllegalArgumentException(file + " is not a Machi backup (format " + manifest.getProperty("format") + ")");
            }
            String version = flywayVersion(c);
            if (!version.equals(manifest.getProperty("flyway"))) {
                throw new IllegalArgumentException("the backup is of schema version " + manifest.getProperty("flyway")
                    + ", this database is at " + version + ": start the same Machi version on an empty database first");
            }
            Map<String, List<String>> tables = tables(c);
            List<String> saved = List.of(manifest.getProperty("tables").split(","));
            if (!tables.keySet().equals(new java.util.LinkedHashSet<>(saved))) {
                throw new IllegalArgumentException("the backup's tables " + saved + " are not this database's " + tables.keySet());
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            long rows = 0;
            try (Statement st = c.createStatement()) {
                st.execute("set local session_replication_role = replica");
                List<String> names = new ArrayList<>();
                for (String t : tables.keySet()) {
                    if (!t.equals(HISTORY)) {
                        names.add(quoted(t));
                    }
                }
                st.execute("truncate " + String.join(", ", names));
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String t : saved) {
                    if (t.equals(HISTORY)) {
                        continue;
                    }
                    List<String> cols = List.of(manifest.getProperty("columns." + t).split(","));
                    try (InputStream in = zip.getInputStream(zip.getEntry("tables/" + t + ".copy"))) {
                        rows += copy.copyIn("copy " + quoted(t) + " (" + columns(cols) + ") from stdin", in);
                    }
                }
                Properties sequences = properties(zip, "sequences.properties");
                try (PreparedStatement set = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                    for (String seq : sequences.stringPropertyNames()) {
                        String last = sequences.getProperty(seq);
                        set.setString(1, quoted(seq));
                        set.setLong(2, last.isEmpty() ? 1 : Long.parseLong(last));
                        set.setBoolean(3, !last.isEmpty());
                        set.execute();
                    }
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return new Summary(version, tables.size(), rows);
        }
    }

    /** The tables of the schema public and their stored (not generated) columns, in a stable order. */
    static Map<String, List<String>> tables(Connection c) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select c.table_name, c.column_name from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.is_generated = 'NEVER'
                order by c.table_name, c.ordinal_position""")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return tables;
    }

    /** The newest migration and how many were applied (a migration applied out of order changes the count). */
    static String flywayVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select max(version), count(*) from " + HISTORY + " where success and version is not null")) {
            if (!rs.next() || rs.getString(1) == null) {
                throw new IllegalStateException("the database has no Flyway history: is it Machi's?");
            }
            return rs.getString(1) + " (" + rs.getLong(2) + " migrations)";
        }
    }

    private static Properties properties(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new IllegalArgumentException(zip.getName() + " has no " + name + ": not a Machi backup");
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(e)) {
            p.load(in);
        }
        return p;
    }

    private static String columns(List<String> cols) {
        return String.join(", ", cols.stream().map(Backup::quoted).toList());
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
