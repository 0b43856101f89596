package jp.machi.facility;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The facility module's test fixture: facilities, their weekly hours, categories and rooms, written into the facility
 * module's own tables so that other modules' tests never touch them. A facility made here is in the database and in
 * the next snapshot, exactly as one staff entered.
 *
 * <pre>{@code
 * String id = TestFacilities.facility("t-123", "テスト会館", "Test hall").department("somu")
 *     .openDays(1, 7, "09:00", "22:00").create(jdbc);
 * long room = TestFacilities.room(jdbc, id, "集会室", "Hall", 30, 0);
 * }</pre>
 */
public final class TestFacilities {

    /** The address every test facility shares (a real street of the demo ward, marked as a test). */
    public static final String ADDRESS = "東京都練馬区豊玉北6-12-1（テスト）";

    private TestFacilities() {}

    public static Spec facility(String id, String nameJa, String nameEn) {
        return new Spec(id, nameJa, nameEn);
    }

    /** A bookable room of the facility; returns its id. */
    public static long room(JdbcClient jdbc, String facilityId, String nameJa, String nameEn, Integer capacity, int order) {
        return jdbc.sql("""
                insert into room (facility_id, name_ja, name_en, capacity, bookable, sort_order)
                values (?, ?, ?, ?, true, ?) returning id""")
            .params(facilityId, nameJa, nameEn, capacity, order).query(Long.class).single();
    }

    /** The counter is closed all day on this weekday (1 = Monday … 7 = Sunday): a weekly closing day (休館日). */
    public static void closeOn(JdbcClient jdbc, String facilityId, int weekday) {
        jdbc.sql("delete from facility_hours where facility_id = ? and weekday = ?").params(facilityId, weekday).update();
    }

    public static void setAddress(JdbcClient jdbc, String facilityId, String address) {
        jdbc.sql("update facility set address = ? where id = ?").params(address, facilityId).update();
    }

    /** Rooms of facilities whose id starts with {@code prefix} stop being bookable (they stay for the audit trail). */
    public static void retireRooms(JdbcClient jdbc, String prefix) {
        jdbc.sql("update room set bookable = false where facility_id like ?").param(prefix + "%").update();
    }

    public static final class Spec {
        private final String id;
        private final String nameJa;
        private final String nameEn;
        private String department = "somu";
        private String address = ADDRESS;
        private Boolean stepFree;
        private Boolean hearingLoop;
        private final List<String> categories = new ArrayList<>();
        private final List<Object[]> hours = new ArrayList<>();

        private Spec(String id, String nameJa, String nameEn) {
            this.id = id;
            this.nameJa = nameJa;
            this.nameEn = nameEn;
        }

        public Spec department(String code) {
            this.department = code;
            return this;
        }

        public Spec address(String address) {
            this.address = address;
            return this;
        }

        /** Step-free entrance: yes or no (not given: unknown). */
        public Spec stepFree(boolean stepFree) {
            this.stepFree = stepFree;
            return this;
        }

        public Spec hearingLoop(boolean hearingLoop) {
            this.hearingLoop = hearingLoop;
            return this;
        }

        public Spec category(String code) {
            categories.add(code);
            return this;
        }

        /** Open {@code opens}–{@code closes} on weekdays {@code from} … {@code to} (1 = Monday … 7 = Sunday). */
        public Spec openDays(int from, int to, String opens, String closes) {
            for (int day = from; day <= to; day++) {
                hours.add(new Object[] {day, opens, closes});
            }
            return this;
        }

        /** Writes the facility, its categories and hours; returns its id. */
        public String create(JdbcClient jdbc) {
            jdbc.sql("""
                    insert into facility (id, name_ja, name_en, address, department_code, step_free_entrance, hearing_loop)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, nameJa, nameEn, address, department, stepFree, hearingLoop).update();
            for (String category : categories) {
                jdbc.sql("insert into facility_category_link (facility_id, category_code) values (?, ?)").params(id, category)
                    .update();
            }
            for (Object[] h : hours) {
                jdbc.sql("""
                        insert into facility_hours (facility_id, weekday, opens, closes)
                        values (?, ?, cast(? as time), cast(? as time))""").params(id, h[0], h[1], h[2]).update();
            }
            return id;
        }
    }
}
