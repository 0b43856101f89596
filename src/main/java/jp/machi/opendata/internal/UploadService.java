package jp.machi.opendata.internal;

import java.io.ByteArrayOutputStream;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.ward.LocalGovernmentCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploads of datasets no module produces: the file is read by content (UTF-8 or Shift_JIS; not text is refused),
 * its columns matched by name to the dataset's declared {@link Layout}, every row checked, and only a file without
 * a single problem becomes the next version (all-or-nothing; every problem is reported). The stored file is the
 * rows re-written in the layout's column order, UTF-8 with BOM.
 */
@Service
public class UploadService {

    public static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final int MAX_ROWS = 200_000;
    /** Problems listed to the person (all are counted). */
    public static final int MAX_LISTED = 1000;

    private static final Pattern COUNT = Pattern.compile("\\d{1,12}");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z-]{1,20}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A problem: the record number (1 = header, 0 = the whole file), the column, a message key and its arguments. */
    public record Problem(long row, String column, String key, List<Object> args) {}

    /** The version published, or the problems (then nothing was stored). */
    public record Outcome(int version, int rows, List<Problem> problems, int problemCount) {
        public boolean ok() {
            return problemCount == 0;
        }
    }

    private final CatalogRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    UploadService(CatalogRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** Checks the file and, when it has no problem, stores it as the dataset's next version. */
    @Transactional
    public Outcome upload(CatalogDataset d, Layout layout, String fileName, byte[] bytes, Long accountId, String note) {
        Checked c = check(layout, bytes);
        if (!c.problems.isEmpty()) {
            return new Outcome(0, 0, List.copyOf(c.problems.subList(0, Math.min(MAX_LISTED, c.problems.size()))),
                c.problems.size());
        }
        String name = fileName == null || fileName.isBlank() ? d.fileSlug() + ".csv" : fileName.strip();
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        int version = repository.addVersion(d.id(), name, c.content, c.rows, FileService.hash256(c.content), accountId,
            clock.instant(), note == null ? "" : note.strip());
        audit.record(AuditEvent.byCurrentActor("opendata.upload", null, "opendata:" + d.name() + "/v" + version,
            AuditDetail.of("opendata.audit.upload", c.rows, c.content.length, AuditDetail.named(layout.title().ja(), layout.title().en()))));
        return new Outcome(version, c.rows, List.of(), 0);
    }

    private record Checked(byte[] content, int rows, List<Problem> problems) {}

    /** Reads and checks the whole file; the content is the rows in the layout's order (when there is no problem). */
    static Checked check(Layout layout, byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        if (bytes == null || bytes.length == 0) {
            return new Checked(null, 0, List.of(new Problem(0, null, "opendata.upload.empty", List.of())));
        }
        CsvFiles.Decoded decoded = CsvFiles.decode(bytes);
        if (decoded.problemKey() != null) {
            return new Checked(null, 0, List.of(new Problem(0, null, decoded.problemKey(), List.of())));
        }
        List<CsvFiles.Line> lines;
        try {
            lines = CsvFiles.parse(decoded.text());
        } catch (CsvFiles.Malformed e) {
            return new Checked(null, 0, List.of(new Problem(0, null, "opendata.upload.malformed",
                List.of(e.getMessage() == null ? "" : e.getMessage()))));
        }
        if (lines.isEmpty()) {
            return new Checked(null, 0, List.of(new Problem(0, null, "opendata.upload.empty", List.of())));
        }
        // the header: every column of the layout once, no other column; any order
        List<String> header = lines.get(0).cells();
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = normalize(header.get(i));
            Layout.Field f = field(layout, h);
            if (f == null) {
                problems.add(new Problem(1, header.get(i), "opendata.upload.unknownColumn", List.of(header.get(i))));
            } else if (at.putIfAbsent(f.header(), i) != null) {
                problems.add(new Problem(1, header.get(i), "opendata.upload.duplicateColumn", List.of(f.header())));
            }
        }
        for (Layout.Field f : layout.fields()) {
            if (!at.containsKey(f.header())) {
                problems.add(new Problem(1, f.header(), "opendata.upload.missingColumn", List.of(f.header())));
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, 0, problems);
        }
        if (lines.size() == 1) {
            return new Checked(null, 0, List.of(new Problem(0, null, "opendata.upload.noRows", List.of())));
        }
        if (lines.size() - 1 > MAX_ROWS) {
            return new Checked(null, 0, List.of(new Problem(0, null, "opendata.upload.tooManyRows", List.of(MAX_ROWS))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1024);
        try (CsvFiles.Out csv = new CsvFiles.Out(out)) {
            csv.record(layout.header());
            for (int r = 1; r < lines.size(); r++) {
                CsvFiles.Line line = lines.get(r);
                if (line.cells().size() != header.size()) {
                    problems.add(new Problem(line.line(), null, "opendata.upload.cellCount",
                        List.of(header.size(), line.cells().size())));
                    continue;
                }
                List<String> row = new ArrayList<>(layout.fields().size());
                Map<String, Long> numbers = new HashMap<>();
                for (Layout.Field f : layout.fields()) {
                    String v = line.cells().get(at.get(f.header())).strip();
                    String key = problem(f, v);
                    if (key != null) {
                        problems.add(new Problem(line.line(), f.header(), key, List.of()));
                    } else if (!v.isEmpty() && (f.type() == Layout.Type.COUNT || f.type() == Layout.Type.AMOUNT)) {
                        numbers.put(f.header(), Long.parseLong(v));
                    }
                    row.add(v);
                }
                for (Layout.SumRule rule : layout.sums()) {
                    Long total = numbers.get(rule.total());
                    long sum = 0;
                    boolean all = total != null;
                    for (String part : rule.parts()) {
                        Long n = numbers.get(part);
                        if (n == null) {
                            all = false;
                            break;
                        }
                        sum += n;
                    }
                    if (all && sum != total) {
                        String parts = rule.parts().size() <= 3 ? String.join("・", rule.parts())
                            : rule.parts().get(0) + "…" + rule.parts().get(rule.parts().size() - 1);
                        problems.add(new Problem(line.line(), rule.total(), "opendata.upload.sum",
                            List.of(rule.total(), total, parts, sum)));
                    }
                }
                if (problems.isEmpty()) {
                    csv.record(row);
                }
            }
        }
        return new Checked(problems.isEmpty() ? out.toByteArray() : null, lines.size() - 1, problems);
    }

    private static Layout.Field field(Layout layout, String normalizedHeader) {
        for (Layout.Field f : layout.fields()) {
            if (normalize(f.header()).equals(normalizedHeader)) {
                return f;
            }
        }
        return null;
    }

    /** Header cells compare after NFKC (full-width brackets = half-width) and without spaces and a BOM. */
    static String normalize(String h) {
        String s = h == null ? "" : h.replace("\uFEFF", "");
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }

    /** The message key of what is wrong with the cell, or null. */
    static String problem(Layout.Field f, String v) {
        if (v.isEmpty()) {
            return f.required() ? "opendata.upload.required" : null;
        }
        return switch (f.type()) {
            case TEXT -> v.length() > 1000 ? "opendata.upload.text" : null;
            case LOCAL_GOVERNMENT_CODE -> v.length() == 6 && LocalGovernmentCode.isValid(v) ? null : "opendata.upload.code6";
            case CODE -> CODE.matcher(v).matches() ? null : "opendata.upload.code";
            case COUNT -> COUNT.matcher(v).matches() ? null : "opendata.upload.count";
            case AMOUNT -> AMOUNT.matcher(v).matches() ? null : "opendata.upload.amount";
            case YEAR -> YEAR.matcher(v).matches() ? null : "opendata.upload.year";
            case DATE -> {
                if (!DATE.matcher(v).matches()) {
                    yield "opendata.upload.date";
                }
                try {
                    LocalDate.parse(v);
                    yield null;
                } catch (DateTimeParseException e) {
                    yield "opendata.upload.date";
                }
            }
        };
    }
}
