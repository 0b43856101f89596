package jp.machi.opendata.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import jp.machi.opendata.RowSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The files of the catalog, generated from the current data and cached on disk. A file is keyed by the dataset's
 * data revision (the module's {@code revision()}, or the uploaded version), which is read on every request: a
 * changed facility gives a new revision, so the next download is generated afresh (never a stale cache). The ETag
 * names the revision; Last-Modified is when the catalog first saw it. Generation streams rows into a temporary file
 * and moves it into place, so memory stays constant whatever the size.
 */
@Service
public class FileService {

    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    /** Bump when the output of the writers changes, so files cached by older code are not served. */
    static final String GENERATION = "2";

    private final CatalogRepository repository;
    private final Clock clock;
    private final Path cacheDir;
    private final String siteUrl;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    FileService(CatalogRepository repository, Clock clock, @Value("${machi.opendata.cache-dir:}") String cacheDir,
                @Value("${machi.db.data-dir:./data}") String dataDir, @Value("${machi.base-url}") String siteUrl) {
        this.repository = repository;
        this.clock = clock;
        this.cacheDir = Path.of(cacheDir == null || cacheDir.isBlank() ? dataDir + "/opendata-cache" : cacheDir);
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    /** What a download answers with before any byte is generated: enough for a 304. */
    public record Validators(String etag, Instant lastModified, String revision) {}

    /** A file ready to send. */
    public record Ready(Path path, long size, Validators validators) {}

    /** The data revision of the dataset now. */
    public String revision(CatalogDataset d) {
        if (d.kind() == CatalogDataset.Kind.LIVE) {
            return "r" + d.live().revision().get();
        }
        return "v" + d.latest().version() + "-" + d.latest().sha256();
    }

    public Validators validators(Catalog catalog, Resource r) {
        CatalogDataset d = r.dataset();
        String rev = revision(d);
        Instant seen = d.kind() == CatalogDataset.Kind.UPLOADED
            ? d.latest().uploadedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            : repository.seen(d.name(), rev, clock.instant());
        String etag = "\"" + hash(catalog.epoch() + "|" + d.id() + "|" + r.format() + "|" + rev + "|" + GENERATION)
            .substring(0, 32) + "\"";
        return new Validators(etag, seen, rev);
    }

    private final ConcurrentHashMap<java.util.UUID, Instant[]> metadataTimes = new ConcurrentHashMap<>();

    /**
     * When the dataset's data last changed, for metadata (CKAN's last_modified, DCAT's dct:modified): the same as the
     * files' Last-Modified, but remembered for two seconds so that a search listing many datasets asks no module twice.
     */
    public Instant dataModified(CatalogDataset d) {
        if (d.kind() == CatalogDataset.Kind.UPLOADED) {
            return d.latest() == null ? d.updated() : d.latest().uploadedAt();
        }
        Instant now = clock.instant();
        Instant[] cached = metadataTimes.get(d.id());
        if (cached != null && cached[0].isAfter(now)) {
            return cached[1];
        }
        Instant seen = repository.seen(d.name(), revision(d), now);
        metadataTimes.put(d.id(), new Instant[] {now.plusSeconds(2), seen});
        return seen;
    }

    /** The file of the resource at the revision of {@code v}, generated if not cached. */
    public Ready file(Resource r, Validators v) {
        String key = r.dataset().name() + "." + r.format().extension();
        Path target = cacheDir.resolve(key + "." + v.etag().replace("\"", ""));
        if (Files.exists(target)) {
            return ready(target, v);
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (Files.exists(target)) {
                return ready(target, v);
            }
            try {
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, key + ".", ".tmp");
                try {
                    long started = System.nanoTime();
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
                        write(r, out);
                    }
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    log.debug("open data: generated {} ({} bytes) in {} ms", target.getFileName(), Files.size(target),
                        (System.nanoTime() - started) / 1_000_000);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                removeOlder(key, target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ready(target, v);
    }

    private static Ready ready(Path p, Validators v) {
        try {
            return new Ready(p, Files.size(p), v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void removeOlder(String key, Path keep) {
        try (var files = Files.list(cacheDir)) {
            files.filter(p -> p.getFileName().toString().startsWith(key + ".") && !p.equals(keep)
                    && !p.getFileName().toString().endsWith(".tmp"))
                .forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        log.debug("open data: could not remove {}", p, e);
                    }
                });
        } catch (IOException e) {
            log.debug("open data: could not list {}", cacheDir, e);
        }
    }

    /** Writes the whole resource. An uploaded CSV is its stored bytes; everything else is written row by row. */
    void write(Resource r, OutputStream out) throws IOException {
        CatalogDataset d = r.dataset();
        if (d.kind() == CatalogDataset.Kind.UPLOADED && r.format() == Resource.Format.CSV) {
            out.write(stored(d));
            return;
        }
        if (d.kind() == CatalogDataset.Kind.LIVE && r.format() == Resource.Format.CSV && d.live().csvRows() != null) {
            try (CsvFiles.Out header = new CsvFiles.Out(out)) {
                header.record(d.columns().stream().map(jp.machi.opendata.Column::header).toList());
            }
            CrlfLines body = new CrlfLines(out);
            d.live().csvRows().write(body);
            body.flush();
            return;
        }
        try (RowWriter w = RowWriter.of(r.format(), d.columns(), d.latitudeKey(), d.longitudeKey(), siteUrl, out)) {
            rows(d, Integer.MAX_VALUE, w::row);
        }
    }

    /** Passes bytes on, each LF as CRLF (a module's {@link jp.machi.opendata.PublishedDataset.CsvRows} writes LF only). */
    static final class CrlfLines extends java.io.FilterOutputStream {
        private static final byte[] CRLF = {'\r', '\n'};

        CrlfLines(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                out.write(CRLF);
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (b[i] == '\n') {
                    out.write(b, start, i - start);
                    out.write(CRLF);
                    start = i + 1;
                }
            }
            out.write(b, start, end - start);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The first rows of the dataset (for previews and maps). */
    public void rows(CatalogDataset d, int limit, RowSink sink) {
        if (limit <= 0) {
            return;
        }
        if (d.kind() == CatalogDataset.Kind.LIVE) {
            int[] n = {0};
            d.live().rows().write(limit, cells -> {
                if (n[0]++ < limit) {
                    sink.row(cells);
                }
            });
            return;
        }
        byte[] stored = stored(d);
        List<CsvFiles.Line> lines = CsvFiles.parse(new String(stored, 3, stored.length - 3, StandardCharsets.UTF_8));
        for (int i = 1; i < lines.size() && i <= limit; i++) {
            sink.row(lines.get(i).cells());
        }
    }

    /** Writes the first rows of a geographic dataset as GeoJSON (the map on the dataset page). */
    public void previewGeoJson(CatalogDataset d, int limit, OutputStream out) {
        try (RowWriter w = RowWriter.of(Resource.Format.GEOJSON, d.columns(), d.latitudeKey(), d.longitudeKey(), siteUrl, out)) {
            rows(d, limit, w::row);
        }
    }

    byte[] stored(CatalogDataset d) {
        return repository.content(d.id(), d.latest().version()).orElseThrow();
    }

    /** The bytes of an older version of an uploaded dataset. */
    public java.util.Optional<byte[]> version(CatalogDataset d, int version) {
        return repository.content(d.id(), version);
    }

    public String siteUrl() {
        return siteUrl;
    }

    static String hash256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
