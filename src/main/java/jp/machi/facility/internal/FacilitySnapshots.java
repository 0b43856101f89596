package jp.machi.facility.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.facility.DayHours;
import jp.machi.holiday.Holiday;
import jp.machi.holiday.PublicHolidays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every facility with its hours rules and today's computed hours, held in memory between requests, for the
 * searches without words (the map's bbox, category and attribute filters): reading and mapping 5,000 rows of 40
 * columns plus 35,000 weekly-hours rows took 70 ms of a 120-ms whole-ward GeoJSON.
 *
 * <p>It is never stale: the table {@code facility_revision} holds a number that statement-level triggers bump on
 * every change of a facility, its categories or its hours (whoever makes it: staff pages, the CSV import, SQL by
 * hand, another instance), and each use first reads that number (one single-row query). The rev is read before
 * the data, so a change committed in between only makes the next request load again. Today's hours are kept with
 * the holiday answers they were computed from; an answer that differs now (staff loaded the Cabinet Office table)
 * or a new day computes them again.
 */
@Component
public class FacilitySnapshots {

    /** The facilities in list order (kana, name, id), their rules, today's hours and what that took. */
    public record Snapshot(long revision, LocalDate today, List<Facility> facilities, Map<String, HoursRules> rules,
                           Map<String, DayHours> todays, Map<LocalDate, Optional<Holiday>> holidaysAsked,
                           Map<String, Facility> byId, List<String> ids) {

        Snapshot(long revision, LocalDate today, List<Facility> facilities, Map<String, HoursRules> rules,
                 Map<String, DayHours> todays, Map<LocalDate, Optional<Holiday>> holidaysAsked) {
            this(revision, today, facilities, rules, todays, holidaysAsked, byId(facilities),
                facilities.stream().map(Facility::id).toList());
        }

        /** The facilities of {@code ids} that exist, in the order of {@code ids}, each once. */
        public List<Facility> find(java.util.Collection<String> ids) {
            List<Facility> found = new ArrayList<>(ids.size());
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                Facility f = byId.get(id);
                if (f != null) {
                    found.add(f);
                }
            }
            return found;
        }

        private static Map<String, Facility> byId(List<Facility> facilities) {
            Map<String, Facility> byId = new HashMap<>(facilities.size() * 2);
            for (Facility f : facilities) {
                byId.put(f.id(), f);
            }
            return Map.copyOf(byId);
        }
    }

    private final JdbcClient jdbc;
    private final FacilityRepository repository;
    private volatile Snapshot current;

    public FacilitySnapshots(JdbcClient jdbc, FacilityRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /**
     * An object that changes (by identity) whenever the snapshot is replaced: callers that cache something per
     * snapshot facility (the API's JSON fragments) start afresh when it changes.
     */
    public Object marker() {
        Snapshot s = current;
        return s == null ? null : s.facilities();
    }

    long revision() {
        return jdbc.sql("select rev from facility_revision").query(Long.class).single();
    }

    /** The request attribute that keeps the snapshot a GET request has read (see {@link #get}). */
    private static final String IN_REQUEST = FacilitySnapshots.class.getName() + ".inRequest";

    /**
     * The current snapshot for {@code today}, loading or recomputing what changed. Within one GET request the snapshot
     * read first is answered again without reading the revision number again: the room finder asks for the
     * facilities five times per page (names, features, hours, lottery hours), and a page then shows one state of them.
     * Other requests (a POST may change a facility and read it back) read the number each time.
     */
    Snapshot get(LocalDate today, PublicHolidays holidays) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        boolean reuse = request instanceof ServletRequestAttributes servlet && "GET".equals(servlet.getRequest().getMethod());
        if (reuse && request.getAttribute(IN_REQUEST, RequestAttributes.SCOPE_REQUEST) instanceof Snapshot seen
            && seen.today().equals(today)) {
            return seen;
        }
        Snapshot s = load(today, holidays);
        if (reuse) {
            request.setAttribute(IN_REQUEST, s, RequestAttributes.SCOPE_REQUEST);
        }
        return s;
    }

    private Snapshot load(LocalDate today, PublicHolidays holidays) {
        long rev = revision();
        Snapshot s = current;
        if (s == null || s.revision() != rev) {
            List<Facility> all = repository.search(FacilityQuery.all());
            s = computed(rev, today, List.copyOf(all), repository.rules(all, today, today), holidays);
        } else if (!s.today().equals(today) || !sameHolidays(s, holidays)) {
            // new day: the exceptions of that day may be needed, so the rules are read again too
            s = computed(rev, today, s.facilities(), repository.rules(s.facilities(), today, today), holidays);
        }
        current = s;
        return s;
    }

    private static boolean sameHolidays(Snapshot s, PublicHolidays holidays) {
        for (Map.Entry<LocalDate, Optional<Holiday>> e : s.holidaysAsked().entrySet()) {
            if (!holidays.on(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Snapshot computed(long rev, LocalDate today, List<Facility> all, Map<String, HoursRules> rules,
                                     PublicHolidays holidays) {
        Map<LocalDate, Optional<Holiday>> asked = new HashMap<>();
        PublicHolidays recording = new PublicHolidays() {
            @Override
            public Optional<Holiday> on(LocalDate date) {
                return asked.computeIfAbsent(date, holidays::on);
            }

            @Override
            public List<Holiday> inYear(int year) {
                return holidays.inYear(year);
            }
        };
        HoursEngine engine = new HoursEngine(recording);
        Map<String, DayHours> todays = new HashMap<>(all.size() * 2);
        for (Facility f : all) {
            todays.put(f.id(), engine.on(rules.get(f.id()), today));
        }
        return new Snapshot(rev, today, all, Map.copyOf(rules), Map.copyOf(todays), Map.copyOf(asked));
    }

    /** Whether the snapshot answers this query: no words (they need the database's text search) and no staff scope. */
    static boolean answers(FacilityQuery query) {
        return query.terms().isEmpty() && query.departments() == null;
    }

    /** The same filters as {@link FacilityRepository#search}'s SQL, in memory, keeping the snapshot's order. */
    static List<Facility> filter(List<Facility> all, FacilityQuery query) {
        List<Facility> out = new ArrayList<>();
        double[] b = query.bbox();
        for (Facility f : all) {
            if (!query.categories().isEmpty() && f.categories().stream().noneMatch(query.categories()::contains)) {
                continue;
            }
            if (b != null && (f.lat() == null || f.lon() == null || f.lon() < b[0] || f.lon() > b[2] || f.lat() < b[1]
                || f.lat() > b[3])) {
                continue;
            }
            if (query.wifi() != null && query.wifi() != Boolean.TRUE.equals(f.wifi())) {
                continue;
            }
            if (query.aed() != null && query.aed() != Boolean.TRUE.equals(f.aed())) {
                continue;
            }
            boolean features = true;
            for (String feature : query.features()) {
                if (!Boolean.TRUE.equals(f.feature(feature))) {
                    features = false;
                    break;
                }
            }
            if (features) {
                out.add(f);
            }
        }
        return out;
    }
}
