package jp.machi.facility.internal.opendata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.FacilityRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The facility master as the standard datasets see it, and the uploads waiting for confirmation. */
@Repository
class OpenDataRepository {

    /** One facility in canonical values, with what decides whether it is in a dataset. */
    record Snapshot(String id, String departmentCode, Map<Field, String> values, Set<String> categories, boolean aed,
                    boolean wifi, Map<DayOfWeek, List<TimeRange>> weekly) {

        String value(Field f) {
            return values.get(f);
        }
    }

    private final JdbcClient jdbc;
    private final FacilityRepository facilities;

    OpenDataRepository(JdbcClient jdbc, FacilityRepository facilities) {
        this.jdbc = jdbc;
        this.facilities = facilities;
    }

    /** Every facility (ordered by id), in two queries: the facilities with their categories, then all weekly hours. */
    List<Snapshot> all() {
        Map<String, Map<DayOfWeek, List<TimeRange>>> weekly = new HashMap<>();
        jdbc.sql("select facility_id, weekday, opens, closes from facility_hours order by facility_id, weekday, opens").query(rs -> {
            weekly.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(DayOfWeek.class))
                .computeIfAbsent(DayOfWeek.of(rs.getInt(2)), k -> new ArrayList<>())
                .add(new TimeRange(rs.getTime(3).toLocalTime(), rs.getTime(4).toLocalTime()));
        });
        return jdbc.sql("""
                select f.*, (select coalesce(array_agg(l.category_code order by l.category_code), '{}')
                             from facility_category_link l where l.facility_id = f.id) as categories
                from facility f order by f.id""")
            .query((rs, n) -> map(rs, weekly)).list();
    }

    private static Snapshot map(ResultSet rs, Map<String, Map<DayOfWeek, List<TimeRange>>> weekly) throws SQLException {
        Map<Field, String> values = new EnumMap<>(Field.class);
        Set<String> categories = new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray("categories").getArray()));
        String id = rs.getString("id");
        Map<DayOfWeek, List<TimeRange>> pattern = weekly.getOrDefault(id, Map.of());
        for (Field f : Field.values()) {
            String v = switch (f.type) {
                case FLAG -> f == Field.ALSO_SHELTER ? Boolean.toString(categories.contains("shelter"))
                    : Boolean.toString(rs.getBoolean(f.column));
                case HOURS -> {
                    // the weekly closed day (e.g. 月曜休館) is not an available day, even if the pattern lists hours for it
                    Object closed = rs.getObject("weekly_closed_day");
                    Map<DayOfWeek, List<TimeRange>> open = new EnumMap<>(DayOfWeek.class);
                    open.putAll(pattern);
                    if (closed != null) {
                        open.remove(DayOfWeek.of(((Number) closed).intValue()));
                    }
                    yield Values.weekly(open);
                }
                case YES_NO, ALLOWED -> {
                    Object o = rs.getObject(f.column);
                    yield o == null ? null : o.toString();
                }
                case LATITUDE, LONGITUDE -> {
                    Object o = rs.getObject(f.column);
                    yield o == null ? null : Values.decimal(((Number) o).doubleValue());
                }
                case COUNT -> {
                    Object o = rs.getObject(f.column);
                    yield o == null ? null : o.toString();
                }
                default -> Values.blankToNull(rs.getString(f.column));
            };
            values.put(f, v);
        }
        return new Snapshot(id, rs.getString("department_code"), values, categories, rs.getBoolean("aed"),
            rs.getBoolean("wifi"), pattern);
    }

    boolean idTaken(String id) {
        return jdbc.sql("select count(*) from facility where id = ?").param(id).query(Long.class).single() > 0;
    }

    void insert(String id, String name, String departmentCode, String source) {
        jdbc.sql("insert into facility (id, name_ja, department_code, source) values (?, ?, ?, ?)")
            .params(id, name, departmentCode, source).update();
    }

    /** Writes the given canonical values (only these columns) and refreshes the search text. */
    void write(String id, Map<Field, String> values) {
        StringBuilder sql = new StringBuilder("update facility set updated_at = now()");
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        int i = 0;
        for (var e : values.entrySet()) {
            Field f = e.getKey();
            if (f.column == null) {
                continue;
            }
            String p = "v" + i++;
            sql.append(", ").append(f.column).append(" = :").append(p);
            String v = e.getValue();
            params.put(p, switch (f.type) {
                case LATITUDE, LONGITUDE -> v == null ? null : Double.valueOf(v);
                case COUNT -> v == null ? null : Integer.valueOf(v);
                case YES_NO, ALLOWED -> v == null ? null : Boolean.valueOf(v);
                case FLAG -> Boolean.valueOf(v);
                default -> v;
            });
        }
        sql.append(" where id = :id");
        jdbc.sql(sql.toString()).params(params).update();
        facilities.refreshSearch(id);
    }

    void setFlag(String id, String column, boolean value) {
        if (!column.equals("aed") && !column.equals("wifi")) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("update facility set " + column + " = ? where id = ?").params(value, id).update();
    }

    void addCategory(String id, String category) {
        jdbc.sql("insert into facility_category_link (facility_id, category_code) values (?, ?) on conflict do nothing")
            .params(id, category).update();
    }

    void removeCategory(String id, String category) {
        jdbc.sql("delete from facility_category_link where facility_id = ? and category_code = ?").params(id, category).update();
    }

    boolean categoryExists(String code) {
        return jdbc.sql("select count(*) from facility_category where code = ?").param(code).query(Long.class).single() > 0;
    }

    void replaceWeekly(String id, Set<DayOfWeek> days, TimeRange period) {
        jdbc.sql("delete from facility_hours where facility_id = ?").param(id).update();
        for (DayOfWeek d : days) {
            jdbc.sql("insert into facility_hours (facility_id, weekday, opens, closes) values (?, ?, ?, ?)")
                .params(id, d.getValue(), Time.valueOf(period.opens()), Time.valueOf(period.closes())).update();
        }
    }

    void clearWeekly(String id) {
        jdbc.sql("delete from facility_hours where facility_id = ?").param(id).update();
    }

    // ---- uploads waiting for confirmation ----

    record Upload(String token, long accountId, String dataset, String departmentCode, String fileName, byte[] content,
                  String fingerprint) {}

    void saveUpload(Upload u, Instant expires) {
        jdbc.sql("delete from facility_import where expires_at < now()").update();
        jdbc.sql("""
                insert into facility_import (token, account_id, dataset, department_code, file_name, content, fingerprint, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
            .params(u.token(), u.accountId(), u.dataset(), u.departmentCode(), u.fileName(), u.content(), u.fingerprint(),
                java.sql.Timestamp.from(expires)).update();
    }

    /** The upload of this staff member, if not expired; {@code lock} holds it until the transaction ends. */
    Optional<Upload> upload(String token, long accountId, boolean lock) {
        return jdbc.sql("select * from facility_import where token = ? and account_id = ? and expires_at > now()"
                + (lock ? " for update" : ""))
            .params(token, accountId)
            .query((rs, n) -> new Upload(rs.getString("token"), rs.getLong("account_id"), rs.getString("dataset"),
                rs.getString("department_code"), rs.getString("file_name"), rs.getBytes("content"), rs.getString("fingerprint")))
            .optional();
    }

    void updateFingerprint(String token, String fingerprint) {
        jdbc.sql("update facility_import set fingerprint = ? where token = ?").params(fingerprint, token).update();
    }

    void deleteUpload(String token) {
        jdbc.sql("delete from facility_import where token = ?").param(token).update();
    }
}
