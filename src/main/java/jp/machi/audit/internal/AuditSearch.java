package jp.machi.audit.internal;

import java.io.OutputStream;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the log for auditors: pages of matching entries, and the CSV export. */
@Service
public class AuditSearch {

    public static final int PAGE_SIZE = 50;
    /** Beyond this an offset is meaningless; narrow the filters instead. */
    public static final int MAX_PAGE = 100_000;

    private final AuditEntryRepository entries;

    AuditSearch(AuditEntryRepository entries) {
        this.entries = entries;
    }

    /**
     * One page of results, newest first.
     *
     * @param page 1-based; out-of-range values are brought into range
     */
    public record Page(List<AuditEntry> entries, long total, int page, boolean hasPrevious, boolean hasNext) {}

    @Transactional(readOnly = true)
    public Page search(AuditQuery query, int page) {
        int p = Math.clamp(page, 1, MAX_PAGE);
        long total = entries.count(query);
        List<AuditEntry> rows = entries.search(query, (long) (p - 1) * PAGE_SIZE, PAGE_SIZE);
        return new Page(rows, total, p, p > 1, (long) p * PAGE_SIZE < total);
    }

    /** Writes the matching entries, oldest first, as CSV with a BOM, streaming from a database cursor. */
    @Transactional(readOnly = true)
    public void exportCsv(AuditQuery query, OutputStream out) {
        try (jp.machi.shared.csv.CsvWriter csv = jp.machi.shared.csv.CsvWriter.to(out)) {
            csv.row(AuditCsv.HEADER);
            entries.forEachMatching(query, e -> csv.row(AuditCsv.row(e)));
        }
    }
}
