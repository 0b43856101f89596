package jp.machi.facility.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.facility.TimeRange;
import jp.machi.shared.text.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Facilities, their categories, rooms and hours rules, in plain SQL. */
@Repository
public class FacilityRepository {

    private static final String COLUMNS = "f.id, f.name_ja, f.name_kana, f.name_en, f.address, f.lat, f.lon, f.phone, f.url, "
        + "f.department_code, f.step_free_entrance, f.elevator, f.accessible_toilet, f.ostomate, f.accessible_parking, "
        + "f.braille_blocks, f.hearing_loop, f.aed, f.aed_location, f.wifi, f.wifi_provider, f.wifi_ssid, array_to_string(f.languages, chr(31)) as languages, "
        + "f.notes, f.hazard_flood, f.hazard_landslide, f.hazard_storm_surge, f.hazard_earthquake, f.hazard_tsunami, "
        + "f.hazard_fire, f.hazard_inland_flood, f.hazard_volcano, f.shelter_accepts, f.demo_values, f.source, "
        + "f.attribution, f.year_end_from, f.year_end_to, f.weekly_closed_day, f.holiday_rule, f.closed_on_holidays, "
        + "(select string_agg(l.category_code, chr(31) order by c.sort_order, c.code) from facility_category_link l "
        + " join facility_category c on c.code = l.category_code where l.facility_id = f.id) as categories";

    private final JdbcClient jdbc;

    public FacilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- facilities ----

    public Optional<Facility> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from facility f where f.id = ?").param(id).query(FacilityRepository::map).optional();
    }

    /** The facilities with these ids (unknown ids are skipped), in one query. */
    public List<Facility> findAll(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from facility f where f.id = any(?)").param(ids.toArray(String[]::new))
            .query(FacilityRepository::map).list();
    }

    public boolean exists(String id) {
        return jdbc.sql("select count(*) from facility where id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Whether a facility of this exact Japanese name exists (the demo merges lists that name the same place). */
    public boolean existsNamed(String nameJa) {
        return jdbc.sql("select count(*) from facility where name_ja = ?").param(nameJa).query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("select count(*) from facility").query(Long.class).single();
    }

    /** One query, sorted by kana then name; the lat/lon index serves the bbox. */
    public List<Facility> search(FacilityQuery query) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from facility f where true");
        Map<String, Object> params = new HashMap<>();
        if (!filters(query, sql, params)) {
            return List.of();
        }
        return jdbc.sql(sql.toString()).params(params).query(FacilityRepository::map).list();
    }

    /**
     * The ids of {@link #search}'s facilities, in its order: the same filters without reading and mapping the rows
     * (the room finder's search by name needs only which facilities, in which order).
     */
    public List<String> searchIds(FacilityQuery query) {
        StringBuilder sql = new StringBuilder("select f.id from facility f where true");
        Map<String, Object> params = new HashMap<>();
        if (!filters(query, sql, params)) {
            return List.of();
        }
        return jdbc.sql(sql.toString()).params(params).query(String.class).list();
    }

    /** Appends the query's conditions and the list order; false when it can find nothing (no department in scope). */
    private static boolean filters(FacilityQuery query, StringBuilder sql, Map<String, Object> params) {
        int i = 0;
        for (String term : query.terms()) {
            String p = "t" + i++;
            sql.append(" and (f.search_text like :").append(p).append(" escape '\\'");
            List<String> forms = SearchText.alternatives(term);
            for (int k = 1; k < forms.size(); k++) {
                sql.append(" or f.search_text like :").append(p).append('k').append(k).append(" escape '\\'");
                params.put(p + "k" + k, like(forms.get(k)));
            }
            sql.append(" or exists (select 1 from facility_category_link l")
                .append(" join facility_category c on c.code = l.category_code where l.facility_id = f.id and (c.name_ja like :")
                .append(p).append(" escape '\\' or lower(c.name_en) like :").append(p).append(" escape '\\')))");
            params.put(p, like(term));
        }
        if (!query.categories().isEmpty()) {
            sql.append(" and exists (select 1 from facility_category_link l where l.facility_id = f.id and l.category_code in (:cats))");
            params.put("cats", query.categories());
        }
        if (query.bbox() != null) {
            sql.append(" and f.lon between :minLon and :maxLon and f.lat between :minLat and :maxLat");
            params.put("minLon", query.bbox()[0]);
            params.put("minLat", query.bbox()[1]);
            params.put("maxLon", query.bbox()[2]);
            params.put("maxLat", query.bbox()[3]);
        }
        if (query.wifi() != null) {
            sql.append(query.wifi() ? " and f.wifi is true" : " and f.wifi is not true");
        }
        if (query.aed() != null) {
            sql.append(query.aed() ? " and f.aed is true" : " and f.aed is not true");
        }
        for (String feature : query.features()) {
            sql.append(" and f.").append(Facility.featureColumn(feature)).append(" is true");
        }
        if (query.departments() != null) {
            if (query.departments().isEmpty()) {
                return false;
            }
            sql.append(" and f.department_code in (:depts)");
            params.put("depts", query.departments());
        }
        sql.append(" order by coalesce(f.name_reading, f.name_kana, f.name_ja), f.name_ja, f.id");
        return true;
    }

    private static String like(String term) {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Stores the search text and reading of one facility from its row (after an import changed the names). */
    public void refreshSearch(String id) {
        jdbc.sql("select name_ja, name_kana, name_en, address from facility where id = ?").param(id)
            .query((rs, n) -> SearchText.forFacility(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .optional().ifPresent(x -> writeSearch(id, x));
    }

    private void writeSearch(String id, SearchText.Indexed x) {
        jdbc.sql("update facility set search_text = ?, name_reading = ?, search_version = ? where id = ?")
            .params(x.text(), x.reading(), SearchText.VERSION, id).update();
    }

    /** The ids of facilities indexed by an older {@link SearchText#VERSION}. */
    public List<String> staleSearch() {
        return jdbc.sql("select id from facility where search_version < ? order by id").param(SearchText.VERSION).query(String.class).list();
    }

    /** The reading of a facility's name in hiragana (the ward's 名称_カナ, else the dictionary's guess). */
    public Optional<String> reading(String id) {
        return jdbc.sql("select name_reading from facility where id = ?").param(id).query(String.class).optional();
    }

    public void insert(Facility f) {
        jdbc.sql("insert into facility (id, name_ja, department_code) values (?, ?, ?)").params(f.id(), f.nameJa(), f.departmentCode()).update();
        update(f);
    }

    public void update(Facility f) {
        Set<String> h = f.hazards();
        SearchText.Indexed indexed = SearchText.forFacility(f.nameJa(), f.nameKana(), f.nameEn(), f.address());
        jdbc.sql("""
            update facility set name_ja = :nameJa, name_kana = :kana, name_en = :nameEn, search_text = :search, name_reading = :reading,
              search_version = :searchVersion, address = :address,
              lat = :lat, lon = :lon, phone = :phone, url = :url, department_code = :dept,
              step_free_entrance = :f1, elevator = :f2, accessible_toilet = :f3, ostomate = :f4, accessible_parking = :f5,
              braille_blocks = :f6, hearing_loop = :f7, aed = :aed, aed_location = :aedLocation, wifi = :wifi,
              wifi_provider = :wifiProvider, wifi_ssid = :wifiSsid, languages = string_to_array(:languages, ','), notes = :notes,
              hazard_flood = :h1, hazard_landslide = :h2, hazard_storm_surge = :h3, hazard_earthquake = :h4, hazard_tsunami = :h5,
              hazard_fire = :h6, hazard_inland_flood = :h7, hazard_volcano = :h8, shelter_accepts = :accepts,
              demo_values = :demo, source = :source, attribution = :attribution, year_end_from = :yeFrom, year_end_to = :yeTo,
              weekly_closed_day = :closedDay, holiday_rule = :rule, closed_on_holidays = :closedOnHolidays, updated_at = now()
            where id = :id""")
            .param("id", f.id()).param("nameJa", f.nameJa()).param("kana", f.nameKana()).param("nameEn", f.nameEn())
            .param("search", indexed.text()).param("reading", indexed.reading()).param("searchVersion", SearchText.VERSION)
            .param("address", f.address()).param("lat", f.lat()).param("lon", f.lon()).param("phone", f.phone())
            .param("url", f.url()).param("dept", f.departmentCode())
            .param("f1", f.stepFreeEntrance()).param("f2", f.elevator()).param("f3", f.accessibleToilet())
            .param("f4", f.ostomate()).param("f5", f.accessibleParking()).param("f6", f.brailleBlocks())
            .param("f7", f.hearingLoop()).param("aed", f.aed()).param("aedLocation", f.aedLocation())
            .param("wifi", f.wifi()).param("wifiProvider", f.wifiProvider()).param("wifiSsid", f.wifiSsid())
            .param("languages", String.join(",", f.languages())).param("notes", f.notes())
            .param("h1", h.contains("flood")).param("h2", h.contains("landslide")).param("h3", h.contains("storm_surge"))
            .param("h4", h.contains("earthquake")).param("h5", h.contains("tsunami")).param("h6", h.contains("fire"))
            .param("h7", h.contains("inland_flood")).param("h8", h.contains("volcano"))
            .param("accepts", f.shelterAccepts()).param("demo", f.demoValues()).param("source", f.source())
            .param("attribution", f.attribution()).param("yeFrom", f.yearEndFrom()).param("yeTo", f.yearEndTo())
            .param("closedDay", f.weeklyClosedDay()).param("rule", f.holidayRule().name())
            .param("closedOnHolidays", f.closedOnHolidays())
            .update();
        jdbc.sql("delete from facility_category_link where facility_id = ?").param(f.id()).update();
        for (String c : new LinkedHashSet<>(f.categories())) {
            jdbc.sql("insert into facility_category_link (facility_id, category_code) values (?, ?)").params(f.id(), c).update();
        }
    }

    public void addGsiIds(String id, Collection<String> gsiIds) {
        jdbc.sql("update facility set gsi_ids = array(select distinct unnest(gsi_ids || string_to_array(?, ','))) where id = ?")
            .params(String.join(",", gsiIds), id).update();
    }

    public void delete(String id) {
        jdbc.sql("delete from facility where id = ?").param(id).update();
    }

    // ---- categories ----

    public List<Category> categories() {
        return jdbc.sql("select code, name_ja, name_en, sort_order from facility_category order by sort_order, code")
            .query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    /** How many facilities each category holds (categories without any are absent). */
    public Map<String, Long> categoryCounts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select category_code, count(*) from facility_category_link group by category_code")
            .query(rs -> {
                counts.put(rs.getString(1), rs.getLong(2));
            });
        return counts;
    }

    public void saveCategory(Category c) {
        jdbc.sql("""
            insert into facility_category (code, name_ja, name_en, sort_order) values (?, ?, ?, ?)
            on conflict (code) do update set name_ja = excluded.name_ja, name_en = excluded.name_en, sort_order = excluded.sort_order""")
            .params(c.code(), c.nameJa(), c.nameEn(), c.sortOrder()).update();
    }

    public void insertCategoryIfAbsent(Category c) {
        jdbc.sql("insert into facility_category (code, name_ja, name_en, sort_order) values (?, ?, ?, ?) on conflict (code) do nothing")
            .params(c.code(), c.nameJa(), c.nameEn(), c.sortOrder()).update();
    }

    // ---- rooms ----

    public List<Room> rooms(String facilityId) {
        return jdbc.sql("select * from room where facility_id = ? order by sort_order, id").param(facilityId).query(FacilityRepository::room).list();
    }

    public List<Room> bookableRooms() {
        return jdbc.sql("select * from room where bookable order by facility_id, sort_order, id").query(FacilityRepository::room).list();
    }

    public Optional<Room> room(long id) {
        return jdbc.sql("select * from room where id = ?").param(id).query(FacilityRepository::room).optional();
    }

    public long insertRoom(Room r) {
        return jdbc.sql("""
            insert into room (facility_id, name_ja, name_en, capacity, floor_area_m2, equipment, bookable, sort_order, demo_values)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(r.facilityId(), r.nameJa(), r.nameEn(), r.capacity(), r.floorAreaM2(), r.equipment(), r.bookable(),
                r.sortOrder(), r.demoValues())
            .query(Long.class).single();
    }

    public void updateRoom(Room r) {
        jdbc.sql("""
            update room set name_ja = ?, name_en = ?, capacity = ?, floor_area_m2 = ?, equipment = ?, bookable = ?, sort_order = ?,
              demo_values = false where id = ? and facility_id = ?""")
            .params(r.nameJa(), r.nameEn(), r.capacity(), r.floorAreaM2(), r.equipment(), r.bookable(), r.sortOrder(), r.id(),
                r.facilityId())
            .update();
    }

    public int deleteRoom(String facilityId, long roomId) {
        return jdbc.sql("delete from room where id = ? and facility_id = ?").params(roomId, facilityId).update();
    }

    // ---- hours ----

    public void replaceWeekly(String facilityId, Map<DayOfWeek, List<TimeRange>> weekly) {
        jdbc.sql("delete from facility_hours where facility_id = ?").param(facilityId).update();
        weekly.forEach((day, periods) -> periods.forEach(p -> jdbc.sql(
                "insert into facility_hours (facility_id, weekday, opens, closes) values (?, ?, ?, ?)")
            .params(facilityId, day.getValue(), Time.valueOf(p.opens()), Time.valueOf(p.closes())).update()));
    }

    public long addException(String facilityId, LocalDate day, boolean closed, TimeRange period, LocalizedText reason) {
        return jdbc.sql("""
            insert into facility_hours_exception (facility_id, day, closed, opens, closes, reason_ja, reason_en)
            values (?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(facilityId, day, closed, period == null ? null : Time.valueOf(period.opens()),
                period == null ? null : Time.valueOf(period.closes()), reason == null ? null : reason.ja(),
                reason == null ? null : reason.en())
            .query(Long.class).single();
    }

    public int deleteException(String facilityId, long exceptionId) {
        return jdbc.sql("delete from facility_hours_exception where id = ? and facility_id = ?").params(exceptionId, facilityId).update();
    }

    /** Exceptions of one facility from a date on, for the staff page. */
    public List<ExceptionRow> exceptions(String facilityId, LocalDate from) {
        return jdbc.sql("select * from facility_hours_exception where facility_id = ? and day >= ? order by day, opens nulls first")
            .params(facilityId, from).query(FacilityRepository::exception).list();
    }

    /** The hours rules of the given facilities, with the exceptions between {@code from} and {@code to}. */
    public Map<String, HoursRules> rules(Collection<Facility> facilities, LocalDate from, LocalDate to) {
        Map<String, HoursRules> result = new LinkedHashMap<>();
        if (facilities.isEmpty()) {
            return result;
        }
        List<String> ids = facilities.stream().map(Facility::id).toList();
        Map<String, Map<DayOfWeek, List<TimeRange>>> weekly = new HashMap<>();
        Map<String, Map<LocalDate, List<ExceptionRow>>> exceptions = new HashMap<>();
        String idFilter = ids.size() > 500 ? "" : " and facility_id in (:ids)";
        var weeklySpec = jdbc.sql("select facility_id, weekday, opens, closes from facility_hours where true" + idFilter);
        var excSpec = jdbc.sql("select * from facility_hours_exception where day between :from and :to" + idFilter)
            .param("from", from).param("to", to);
        if (!idFilter.isEmpty()) {
            weeklySpec = weeklySpec.param("ids", ids);
            excSpec = excSpec.param("ids", ids);
        }
        weeklySpec.query(rs -> {
            weekly.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .computeIfAbsent(DayOfWeek.of(rs.getInt(2)), k -> new ArrayList<>())
                .add(new TimeRange(rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class)));
        });
        for (ExceptionRow e : excSpec.query(FacilityRepository::exception).list()) {
            exceptions.computeIfAbsent(e.facilityId(), k -> new HashMap<>()).computeIfAbsent(e.day(), k -> new ArrayList<>()).add(e);
        }
        for (Facility f : facilities) {
            Map<LocalDate, HoursRules.DateException> ex = new HashMap<>();
            exceptions.getOrDefault(f.id(), Map.of()).forEach((day, rows) -> ex.put(day, toException(rows)));
            result.put(f.id(), new HoursRules(weekly.getOrDefault(f.id(), Map.of()), ex,
                monthDay(f.yearEndFrom()), monthDay(f.yearEndTo()),
                f.weeklyClosedDay() == null ? null : DayOfWeek.of(f.weeklyClosedDay()), f.holidayRule(), f.closedOnHolidays()));
        }
        return result;
    }

    /** "MM-dd" without a DateTimeFormatter (two per facility per search add up over thousands of facilities). */
    static MonthDay monthDay(String s) {
        if (s == null) {
            return null;
        }
        if (s.length() == 5 && s.charAt(2) == '-' && Character.isDigit(s.charAt(0)) && Character.isDigit(s.charAt(1))
            && Character.isDigit(s.charAt(3)) && Character.isDigit(s.charAt(4))) {
            return MonthDay.of((s.charAt(0) - '0') * 10 + s.charAt(1) - '0', (s.charAt(3) - '0') * 10 + s.charAt(4) - '0');
        }
        return MonthDay.parse("--" + s);
    }

    static HoursRules.DateException toException(List<ExceptionRow> rows) {
        LocalizedText reason = rows.stream().map(ExceptionRow::reason).filter(r -> r != null && r.ja() != null).findFirst().orElse(null);
        if (rows.stream().anyMatch(ExceptionRow::closed)) {
            return new HoursRules.DateException(true, List.of(), reason);
        }
        return new HoursRules.DateException(false, rows.stream().map(ExceptionRow::period).toList(), reason);
    }

    /** One stored exception row. */
    public record ExceptionRow(long id, String facilityId, LocalDate day, boolean closed, TimeRange period, LocalizedText reason) {}

    // ---- mapping ----

    private static ExceptionRow exception(ResultSet rs, int n) throws SQLException {
        Time opens = rs.getTime("opens");
        Time closes = rs.getTime("closes");
        String ja = rs.getString("reason_ja");
        return new ExceptionRow(rs.getLong("id"), rs.getString("facility_id"), rs.getObject("day", LocalDate.class),
            rs.getBoolean("closed"), opens == null ? null : new TimeRange(opens.toLocalTime(), closes.toLocalTime()),
            ja == null ? null : new LocalizedText(ja, rs.getString("reason_en")));
    }

    private static Room room(ResultSet rs, int n) throws SQLException {
        return new Room(rs.getLong("id"), rs.getString("facility_id"), rs.getString("name_ja"), rs.getString("name_en"),
            (Integer) rs.getObject("capacity"), rs.getBigDecimal("floor_area_m2"), rs.getString("equipment"),
            rs.getBoolean("bookable"), rs.getInt("sort_order"), rs.getBoolean("demo_values"));
    }

    /** Reads a row of {@link #COLUMNS} by position (thousands of rows per search: no look-up by name per value). */
    private static Facility map(ResultSet rs, int n) throws SQLException {
        Set<String> hazards = new LinkedHashSet<>();
        for (int i = 0; i < Facility.HAZARDS.size(); i++) { // columns 25..32, in the order of Facility.HAZARDS
            if (rs.getBoolean(25 + i)) {
                hazards.add(Facility.HAZARDS.get(i));
            }
        }
        return new Facility(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8),
            rs.getString(9), rs.getString(10),
            bool(rs, 11), bool(rs, 12), bool(rs, 13), bool(rs, 14), bool(rs, 15), bool(rs, 16), bool(rs, 17),
            bool(rs, 18), rs.getString(19), bool(rs, 20), rs.getString(21), rs.getString(22), joined(rs.getString(23)),
            rs.getString(24), hazards, rs.getString(33), rs.getBoolean(34), rs.getString(35), rs.getString(36),
            rs.getString(37), rs.getString(38), (Integer) intOrNull(rs, 39), HolidayRule.valueOf(rs.getString(40)),
            rs.getBoolean(41), joined(rs.getString(42)));
    }

    /** Array columns come as text joined with U+001F: much cheaper to read than a JDBC array for thousands of rows. */
    private static List<String> joined(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split("\u001f"));
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        Object o = rs.getObject(column);
        return o == null ? null : ((Number) o).intValue();
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        return (Boolean) rs.getObject(column);
    }

    static BigDecimal decimal(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s);
    }
}
