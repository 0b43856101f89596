package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/** Finding a room with filters on /reservations, and the facility view (every room and part × days). */
@MachiTest
class RoomFinderTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired jp.machi.facility.Facilities facilities;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }


    LocalDate openDay(long roomId, int days) {
        return TestRooms.openDay(service, roomId, days, "am");
    }

    @Test
    void filtersByCategoryCapacityBarrierFreeDayAndBand() throws Exception {
        var gym = TestRooms.create(jdbc, "taiikukan", 120, true, true);
        var small = TestRooms.create(jdbc, "taiikukan", 10, true, false);
        LocalDate day = openDay(gym.roomId(), 45);
        var who = TestResidents.create(jdbc, "RESIDENT");
        bookings.book(new BookingRequest(who.id(), null, gym.roomId(), day, "am", "a", UUID.randomUUID().toString(), null, false, null));

        // category + capacity + hearing loop: the big gym, not the small one, no demo hall (no hearing loop)
        String found = body(mvc.perform(get("/reservations").param("category", "taiikukan").param("capacity", "50")
            .param("need", "hearingLoop")).andExpect(status().isOk()));
        assertThat(found.substring(found.indexOf("results-title"))).doesNotContain("区民館（");
        assertThat(found).contains(gym.facilityName()).doesNotContain(small.facilityName())
            .contains("/reservations/facilities/" + gym.facilityId());
        // capacity 50: the whole gym (120) is listed once; its courts (60 each) are chosen on the room's page
        assertThat(found).contains("/reservations/rooms/" + gym.roomId() + "\"").contains(gym.roomName() + "（120人）");
        String needsMissing = body(mvc.perform(get("/reservations").param("need", "hearingLoop").param("need", "elevator"))
            .andExpect(status().isOk()));
        assertThat(needsMissing).doesNotContain(gym.facilityName());

        // a day and the morning: court A is booked, so is the whole gym; court B is free (a link to book it)
        String morning = body(mvc.perform(get("/reservations").param("date", day.toString()).param("band", "morning")
            .param("category", "taiikukan").param("need", "hearingLoop")).andExpect(status().isOk()));
        assertThat(morning).contains("午前 9:00–12:00").doesNotContain("午後 13:00").doesNotContain("夜間 18:00")
            .contains("/account/bookings/new?room=" + gym.roomId() + "&amp;date=" + day + "&amp;slot=am&amp;part=b\"")
            .doesNotContain("/account/bookings/new?room=" + gym.roomId() + "&amp;date=" + day + "&amp;slot=am&amp;part=a\"")
            .doesNotContain("/account/bookings/new?room=" + gym.roomId() + "&amp;date=" + day + "&amp;slot=am&amp;part=\"")
            .contains("予約済");
        // only rooms with a free slot: the small gym's morning is free, so it stays; in English too
        String onlyOpen = body(mvc.perform(get("/reservations").param("date", day.toString()).param("band", "morning")
            .param("need", "hearingLoop").param("open", "1").param("lang", "en")).andExpect(status().isOk()));
        assertThat(onlyOpen).contains("Find a free room").contains("Morning").contains("Court B")
            .contains(small.facilityName().replace("部屋テスト館", ""));
    }

    @Test
    void aChangedFacilityShowsOnTheNextSearchEscaped() throws Exception {
        // the finder reads the facilities from the facility module's in-memory snapshot: a change is seen at once
        var hall = TestRooms.create(jdbc, "taiikukan", 40, true, false);
        LocalDate day = openDay(hall.roomId(), 45);
        String before = body(mvc.perform(get("/reservations").param("category", "taiikukan").param("need", "hearingLoop"))
            .andExpect(status().isOk()));
        assertThat(before).contains(hall.facilityName());
        String address = "練馬区<テスト> & \"" + UUID.randomUUID() + "'";
        jp.machi.facility.TestFacilities.setAddress(jdbc, hall.facilityId(), address);
        String escaped = address.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("'", "&#39;");
        for (String date : new String[] {"", day.toString()}) {
            String after = body(mvc.perform(get("/reservations").param("category", "taiikukan").param("need", "hearingLoop")
                .param("date", date)).andExpect(status().isOk()));
            assertThat(after).contains("<span>" + escaped + "</span>").doesNotContain(address)
                .contains("<span class=\"tag\">ヒアリングループ</span> </p>");
        }
    }

    @Test
    void badFiltersAreFourHundredsWithMessages() throws Exception {
        String ja = body(mvc.perform(get("/reservations").param("date", "2026-02-30").param("band", "night-owl")
            .param("capacity", "0").param("category", "no-such").param("need", "jetpack")).andExpect(status().isBadRequest()));
        assertThat(ja).contains("error-summary").contains("利用日は 2026-12-01 のような日付").contains("時間帯は一覧から")
            .contains("利用人数は 1 から 10000").contains("施設の種類は一覧から").contains("バリアフリー設備は一覧から")
            .contains("aria-invalid=\"true\"");
        String en = body(mvc.perform(get("/reservations").param("capacity", "many").param("lang", "en"))
            .andExpect(status().isBadRequest()));
        assertThat(en).contains("Enter the number of people as a number from 1 to 10000.");
        assertThat(body(mvc.perform(get("/reservations").param("date", service.today().minusDays(1).toString()))
            .andExpect(status().isBadRequest()))).contains("今日から2年先まで");
        mvc.perform(get("/reservations").param("capacity", "99999999999")).andExpect(status().isBadRequest());
    }

    @Test
    void theFacilityViewShowsEveryRoomAndPartByDay() throws Exception {
        var gym = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        LocalDate day = openDay(gym.roomId(), 50);
        var who = TestResidents.create(jdbc, "RESIDENT");
        bookings.book(new BookingRequest(who.id(), null, gym.roomId(), day, "am", null, UUID.randomUUID().toString(), null, false, null));
        String week = body(mvc.perform(get("/reservations/facilities/" + gym.facilityId()).param("start", day.toString()))
            .andExpect(status().isOk()));
        assertThat(week).contains("<caption").contains("scope=\"col\"").contains("scope=\"row\"")
            .contains(gym.roomName()).contains("A面").contains("B面").contains("予約済").contains("空き")
            .doesNotContain("/account/bookings/new?room=" + gym.roomId() + "&amp;date=" + day + "&amp;slot=am&amp;part=b\"")
            .contains("/account/bookings/new?room=" + gym.roomId() + "&amp;date=" + day + "&amp;slot=pm&amp;part=b\"");
        String month = body(mvc.perform(get("/reservations/facilities/" + gym.facilityId()).param("period", "month")
            .param("start", day.withDayOfMonth(1).toString()).param("band", "evening").param("lang", "en"))
            .andExpect(status().isOk()));
        assertThat(month).contains("Court A").contains("Evening").doesNotContain("Morning 09:00");
        mvc.perform(get("/reservations/facilities/no-such-facility")).andExpect(status().isNotFound());
        mvc.perform(get("/reservations/facilities/" + gym.facilityId()).param("band", "x")).andExpect(status().isBadRequest());
        // reachable by links: the room page links to its facility view
        assertThat(body(mvc.perform(get("/reservations/rooms/" + gym.roomId())))).contains("/reservations/facilities/" + gym.facilityId());
    }

    @Test
    void theBookingListSortsByDistanceFromAChosenTownOrThePhonesPosition() throws Exception {
        String page = body(mvc.perform(get("/reservations").param("near", "豊玉北")).andExpect(status().isOk()));
        java.util.List<String> ids = listed(page);
        assertThat(ids).hasSize(service.byFacility().size());
        assertThat(page).contains("豊玉北から近い順").contains("<option value=\"豊玉北\" selected=\"selected\">")
            .contains("50音順に戻す").contains("おおよその距離");
        java.util.List<Double> km = distances(page);
        assertThat(km).hasSizeGreaterThan(2).isSorted();
        // the nearest facility is nearer to 豊玉北 than to the far west of the ward (大泉学園町)
        String west = body(mvc.perform(get("/reservations").param("near", "大泉学園町")).andExpect(status().isOk()));
        assertThat(listed(west).get(0)).isNotEqualTo(ids.get(0));
        assertThat(distances(west)).isSorted();
        // the phone's position (filled in by the page's script), with the name search; in English
        String here = body(mvc.perform(get("/reservations").param("q", "kuminkan").param("lat", "35.7356")
            .param("lon", "139.6516").param("lang", "en")).andExpect(status().isOk()));
        assertThat(here).contains("nearest to where you are first").contains("about ");
        assertThat(distances(here)).isNotEmpty().isSorted();
        assertThat(listed(here)).hasSizeLessThan(ids.size());
        // without a place: 50音順, the town list offered, the position button hidden until the script shows it
        String plain = body(mvc.perform(get("/reservations")).andExpect(status().isOk()));
        assertThat(plain).contains("並べ替えない（50音順）").contains("<option value=\"大泉学園町\">")
            .contains("room-finder__locate\" hidden").doesNotContain("facility-row__distance");
        // a town not in the list, a position that is not a place: 400 with the message on the form
        assertThat(body(mvc.perform(get("/reservations").param("near", "どこか")).andExpect(status().isBadRequest())))
            .contains("町名は一覧から選んでください").contains("aria-invalid=\"true\"");
        assertThat(body(mvc.perform(get("/reservations").param("lat", "abc").param("lon", "139.6").param("lang", "en"))
            .andExpect(status().isBadRequest()))).contains("Your position could not be read. Choose a town instead.");
        mvc.perform(get("/reservations").param("lat", "35.7")).andExpect(status().isBadRequest());
        mvc.perform(get("/reservations").param("lat", "0").param("lon", "0")).andExpect(status().isBadRequest());
    }

    static java.util.List<Double> distances(String page) {
        var m = java.util.regex.Pattern.compile("class=\"facility-row__distance\">(?:約|about )([0-9.]+) ?km<").matcher(page);
        java.util.List<Double> km = new java.util.ArrayList<>();
        while (m.find()) {
            km.add(Double.parseDouble(m.group(1)));
        }
        return km;
    }

    @Test
    void aFilterThatCanFindNothingIsNotOffered() throws Exception {
        String page = body(mvc.perform(get("/reservations")).andExpect(status().isOk()));
        String select = page.substring(page.indexOf("<select id=\"category\""), page.indexOf("</select>", page.indexOf("<select id=\"category\"")));
        var m = java.util.regex.Pattern.compile("<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>").matcher(select);
        java.util.List<String> offered = new java.util.ArrayList<>();
        while (m.find()) {
            offered.add(m.group(1));
            // the option says how many facilities it finds, and it finds them
            assertThat(m.group(2)).matches(".+（\\d+施設）");
            assertThat(listed(body(mvc.perform(get("/reservations").param("category", m.group(1))).andExpect(status().isOk()))))
                .as(m.group(1)).isNotEmpty();
        }
        assertThat(offered).isNotEmpty().hasSizeLessThan(facilities.categories().size());
        // a category with no bookable facility (chosen in an old link) stays shown so it can be undone, and says "none"
        String empty = facilities.categories().stream().map(c -> c.code()).filter(c -> !offered.contains(c)).findFirst().orElseThrow();
        String chosen = body(mvc.perform(get("/reservations").param("category", empty)).andExpect(status().isOk()));
        assertThat(chosen).contains("<option value=\"" + empty + "\" selected=\"selected\">").contains("条件に合う部屋はありません");
        // every barrier-free feature offered is one some bookable facility has
        var fm = java.util.regex.Pattern.compile("name=\"need\" id=\"need-([A-Za-z]+)\"").matcher(page);
        while (fm.find()) {
            assertThat(listed(body(mvc.perform(get("/reservations").param("need", fm.group(1))).andExpect(status().isOk()))))
                .as(fm.group(1)).isNotEmpty();
        }
    }

    /** The facility ids of the booking list, in the order the page shows them. */
    static java.util.List<String> listed(String page) {
        var m = java.util.regex.Pattern.compile("class=\"facility-row__name\"[^>]*><a href=\"/reservations/facilities/([^\"?]+)")
            .matcher(page);
        java.util.List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void theBookingListIsInSyllabaryOrderOneCompactRowPerFacility() throws Exception {
        String page = body(mvc.perform(get("/reservations")).andExpect(status().isOk()));
        java.util.List<String> ids = listed(page);
        assertThat(ids).hasSize(service.byFacility().size()).doesNotHaveDuplicates();
        // the facility module's order (/facilities): 50音順 by reading
        assertThat(ids).isEqualTo(facilities.idsInNameOrder(null).stream().filter(ids::contains).toList());
        java.util.List<String> readings = ids.stream().map(id -> jdbc.sql("select name_reading from facility where id = ?")
            .param(id).query(String.class).optional().orElse(null)).filter(java.util.Objects::nonNull).toList();
        assertThat(readings).isNotEmpty();
        for (int i = 1; i < readings.size(); i++) {
            assertThat(readings.get(i).codePointAt(0)).as(readings.get(i - 1) + " before " + readings.get(i))
                .isGreaterThanOrEqualTo(readings.get(i - 1).codePointAt(0));
        }
        // compact: rooms are links in one row, no slot states and no fee lines without a day; the facility's own page
        assertThat(page).contains("50音順").doesNotContain("slot-states").doesNotContain("使用料 1コマ")
            .contains("href=\"/facilities/" + ids.get(0) + "\"").contains(">施設の案内</a>").contains("住所・交通・開館時間");
    }

    @Test
    void theBookingListFindsAFacilityByItsReadingInHiraganaKatakanaAndRomaji() throws Exception {
        int all = service.byFacility().size();
        for (String q : new String[] {"くみんかん", "クミンカン", "ｸﾐﾝｶﾝ", "kuminkan"}) {
            String page = body(mvc.perform(get("/reservations").param("q", q)).andExpect(status().isOk()));
            java.util.List<String> ids = listed(page);
            assertThat(ids).as(q).isNotEmpty().hasSizeLessThan(all);
            for (String id : ids) {
                String name = jdbc.sql("select name_ja from facility where id = ?").param(id).query(String.class).single();
                assertThat(name).as(q).containsAnyOf("区民館", "区民センター");
            }
            assertThat(page).contains("value=\"" + q + "\"");
        }
        // one facility by its own reading
        var some = service.byFacility().keySet().stream().map(f -> f.id()).filter(id -> jdbc.sql(
            "select name_reading is not null from facility where id = ?").param(id).query(Boolean.class).single()).findFirst().orElseThrow();
        String reading = jdbc.sql("select name_reading from facility where id = ?").param(some).query(String.class).single();
        assertThat(listed(body(mvc.perform(get("/reservations").param("q", reading)).andExpect(status().isOk())))).contains(some);
        // nothing found says so; a name too long is a 400 with the message, in both languages
        assertThat(body(mvc.perform(get("/reservations").param("q", "ぬぬぬぬぬぬぬぬ")).andExpect(status().isOk())))
            .contains("条件に合う部屋はありません");
        assertThat(body(mvc.perform(get("/reservations").param("q", "あ".repeat(101))).andExpect(status().isBadRequest())))
            .contains("施設の名前は100文字以内").contains("aria-invalid=\"true\"");
        assertThat(body(mvc.perform(get("/reservations").param("q", "a".repeat(101)).param("lang", "en"))
            .andExpect(status().isBadRequest()))).contains("Enter at most 100 characters for the facility name.");
    }

    @Test
    void bookingPagesLinkToTheFacilitysOwnPage() throws Exception {
        var hall = TestRooms.create(jdbc, "kumin-kan", 30, false, false);
        assertThat(body(mvc.perform(get("/reservations/rooms/" + hall.roomId())).andExpect(status().isOk())))
            .contains("href=\"/facilities/" + hall.facilityId() + "\"").contains("の案内（住所・交通・開館時間）");
        assertThat(body(mvc.perform(get("/reservations/facilities/" + hall.facilityId()).param("lang", "en"))
            .andExpect(status().isOk()))).contains("href=\"/facilities/" + hall.facilityId() + "\"").contains("(address, access, hours)");
    }

    @Test
    void hoursForARangeAreTheHoursOfEachDay() {
        // the views read a facility's hours once per range; the answer must be the same as asking day by day
        // (weekly closing day, holidays and the next weekday after one, the year end)
        var today = service.today();
        for (var f : service.byFacility().keySet().stream().limit(3).toList()) {
            var range = facilities.hoursBetween(f.id(), today, today.plusDays(120));
            assertThat(range).hasSize(121);
            for (var d = today; !d.isAfter(today.plusDays(120)); d = d.plusDays(1)) {
                assertThat(range.get(d)).as(f.id() + " " + d).isEqualTo(facilities.hoursOn(f.id(), d).orElseThrow());
            }
        }
        assertThat(facilities.hoursBetween("no-such-facility", today, today.plusDays(3))).isEmpty();
    }
}
