package jp.machi.holiday.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The holidays other modules see: for a year the loaded Cabinet Office table covers (at least one row in that
 * year), only the table's dates; for other years, the calculator. Each year is computed once and kept until
 * the table changes. The cache lives in this JVM: with several instances, each one refreshes on its own load
 * or on restart (see docs/modules/holiday.md).
 */
@Service
public class HolidayService implements PublicHolidays {

    /** What a load did. */
    public record LoadOutcome(int rows, int added, int renamed, int removed) {
        public boolean changed() {
            return added + renamed + removed > 0;
        }
    }

    /** When the table last changed, and by whom. */
    public record LastLoad(java.time.Instant at, String by) {}

    /** A date where the table and the calculation disagree (name null where one has no holiday). */
    public record Difference(LocalDate date, String tableName, String calculatedName) {}

    private final HolidayCalculator calculator = new HolidayCalculator();
    private final Map<String, String> englishNames = HolidayCalculator.englishNames();
    private final Map<Integer, List<Holiday>> cache = new ConcurrentHashMap<>();
    private final HolidayTableRepository table;
    private final AuditLog auditLog;
    private final Clock clock;

    HolidayService(HolidayTableRepository table, AuditLog auditLog, Clock clock) {
        this.table = table;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Override
    public Optional<Holiday> on(LocalDate date) {
        if (date == null || date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            return Optional.empty();
        }
        return inYear(date.getYear()).stream().filter(h -> h.date().equals(date)).findFirst();
    }

    @Override
    public List<Holiday> inYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("Supported years are " + FIRST_YEAR + " to " + LAST_YEAR + ": " + year);
        }
        return cache.computeIfAbsent(year, this::compute);
    }

    private List<Holiday> compute(int year) {
        List<HolidayTableRepository.Entry> rows = table.inYear(year);
        List<Holiday> calculated = calculator.holidays(year);
        if (rows.isEmpty()) {
            return calculated;
        }
        Map<LocalDate, Holiday> byDate = calculated.stream()
            .collect(Collectors.toMap(Holiday::date, Function.identity()));
        return rows.stream().map(r -> {
            Holiday c = byDate.get(r.date());
            String en = c != null && c.name().equals(r.name()) ? c.nameEn() : englishNames.get(r.name());
            return new Holiday(r.date(), r.name(), en);
        }).toList();
    }

    /** The calculation alone, for comparing with the table. */
    public List<Holiday> calculated(int year) {
        return calculator.holidays(year);
    }

    /** The years the loaded table covers, ascending. */
    public List<Integer> coveredYears() {
        return table.coveredYears();
    }

    public Optional<LastLoad> lastLoad() {
        return table.lastLoad();
    }

    /** For every covered year, the dates where table and calculation disagree. */
    public List<Difference> differences() {
        Map<Integer, List<HolidayTableRepository.Entry>> byYear = new TreeMap<>();
        for (var e : table.all()) {
            byYear.computeIfAbsent(e.date().getYear(), y -> new ArrayList<>()).add(e);
        }
        List<Difference> out = new ArrayList<>();
        byYear.forEach((year, rows) -> {
            Map<LocalDate, String> t = new TreeMap<>();
            rows.forEach(r -> t.put(r.date(), r.name()));
            Map<LocalDate, String> c = new LinkedHashMap<>();
            calculator.holidays(year).forEach(h -> c.put(h.date(), h.name()));
            TreeMap<LocalDate, Difference> diff = new TreeMap<>();
            t.forEach((d, n) -> {
                if (!n.equals(c.get(d))) {
                    diff.put(d, new Difference(d, n, c.get(d)));
                }
            });
            c.forEach((d, n) -> {
                if (!t.containsKey(d)) {
                    diff.put(d, new Difference(d, null, n));
                }
            });
            out.addAll(diff.values());
        });
        return out;
    }

    /**
     * Makes the table equal to the file's rows: adds new dates, renames changed ones, removes dates the file
     * no longer has. Rows that did not change keep their loaded_at, so loading the same file twice changes
     * nothing. Audited; one transaction.
     */
    @Transactional
    public LoadOutcome load(List<HolidayCsv.Row> rows, String fileName, String encoding) {
        table.lock();
        Map<LocalDate, String> current = new TreeMap<>();
        table.all().forEach(e -> current.put(e.date(), e.name()));
        String by = actor();
        var now = clock.instant();
        int added = 0;
        int renamed = 0;
        Map<LocalDate, String> wanted = new TreeMap<>();
        rows.forEach(r -> wanted.put(r.date(), r.name()));
        for (var w : wanted.entrySet()) {
            String old = current.get(w.getKey());
            if (old == null) {
                table.insert(w.getKey(), w.getValue(), now, by);
                added++;
            } else if (!old.equals(w.getValue())) {
                table.rename(w.getKey(), w.getValue(), now, by);
                renamed++;
            }
        }
        int removed = 0;
        for (LocalDate d : current.keySet()) {
            if (!wanted.containsKey(d)) {
                table.delete(d);
                removed++;
            }
        }
        LoadOutcome outcome = new LoadOutcome(wanted.size(), added, renamed, removed);
        auditLog.record(AuditEvent.byCurrentActor("holiday.table.load", null, "holiday:table",
            AuditDetail.of("holiday.audit.load", shorten(fileName), encoding, outcome.rows(), added, renamed, removed)));
        invalidateAfterCommit();
        return outcome;
    }

    /** Empties the table: every year is calculated again. Audited. */
    @Transactional
    public int clear() {
        table.lock();
        int removed = table.deleteAll();
        auditLog.record(AuditEvent.byCurrentActor("holiday.table.clear", null, "holiday:table",
            AuditDetail.of("holiday.audit.clear", removed)));
        invalidateAfterCommit();
        return removed;
    }

    private void invalidateAfterCommit() {
        cache.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a reader may have cached the old rows while this transaction ran: clear again once it is visible
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.clear();
                }
            });
        }
    }

    private static String actor() {
        return CurrentActor.principal().map(MachiPrincipal::email).orElseGet(() -> {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            return auth == null ? "system" : auth.getName();
        });
    }

    private static String shorten(String name) {
        if (name == null || name.isBlank()) {
            return "-";
        }
        String n = name.replaceAll("[\\p{Cntrl}]", "");
        return n.length() > 100 ? n.substring(0, 100) : n;
    }
}
