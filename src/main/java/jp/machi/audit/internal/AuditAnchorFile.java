package jp.machi.audit.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The published anchors, outside the database: one line per checkpoint, appended (and flushed to disk) after the
 * checkpoint's transaction commits, in {@code <machi.audit.anchor-dir>/anchors.txt} (default
 * {@code <MACHI_DATA_DIR>/audit}). Put the directory on storage that the database's administrators cannot write
 * (another host, a WORM share). The public page {@code /audit-anchors} shows the lines; the verifier checks the chain
 * against every one of them.
 *
 * <p>Line format (UTF-8, fields separated by one space): {@code entry_number entry_count entry_hash seal
 * published_at_utc}.
 */
@Component
public class AuditAnchorFile {

    /** One published anchor. */
    public record Anchor(long entryId, long entryCount, String entryHash, String seal, Instant publishedAt) {

        String line() {
            return entryId + " " + entryCount + " " + entryHash + " " + seal + " " + publishedAt + "\n";
        }
    }

    private final Path directory;
    private final Path file;

    AuditAnchorFile(@Value("${machi.audit.anchor-dir:}") String configured,
                    @Value("${machi.db.data-dir:./data}") String dataDir) {
        this.directory = Path.of(configured == null || configured.isBlank() ? dataDir + "/audit" : configured)
            .toAbsolutePath();
        this.file = directory.resolve("anchors.txt");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the audit anchor directory " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    public Path file() {
        return file;
    }

    synchronized void append(Anchor anchor) {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap(anchor.line().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the audit anchor file " + file, e);
        }
    }

    /** Every anchor, oldest first; a line that does not parse is returned as null entry (reported by the verifier). */
    public synchronized List<Anchor> all() {
        List<Anchor> anchors = new ArrayList<>();
        if (!Files.exists(file)) {
            return anchors;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                anchors.add(parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchor file " + file, e);
        }
        return anchors;
    }

    private static Anchor parse(String line) {
        String[] f = line.strip().split(" ");
        try {
            return new Anchor(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], Instant.parse(f[4]));
        } catch (RuntimeException e) {
            return new Anchor(-1, -1, line.strip(), null, null);
        }
    }
}
