package jp.machi.reservation.legacy;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;

/** Utilisation: bookings against open slots without blocks, as a table, a chart and CSV, and in the open data portal. */
@MachiTest
class UtilisationTest extends LegacyFixture {

    @org.springframework.boot.test.web.server.LocalServerPort int port;

    /** The open data file as a harvester downloads it. */
    String openData() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/opendata/files/131202_facility_utilisation.csv")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("\uFEFF全国地方公共団体コード,施設ID,施設名,年月,予約可能コマ数,予約コマ数,休止コマ数,利用率,集計日\r\n");
        return response.body();
    }

    static final String HEADER = "legacy_booker_id,name,email,residency,legacy_booking_id,room_id,date,slot\r\n";

    @Test
    void utilisationCountsBookingsAgainstOpenSlotsWithoutBlocksAsTableChartAndCsv() throws Exception {
        var facility = TestRooms.create(jdbc, 1);
        long room = facility.rooms()[0];
        YearMonth month = YearMonth.from(service.today()).plusMonths(2);
        LocalDate day = month.atDay(10);
        var a = TestResidents.create(jdbc, "RESIDENT");
        bookings.book(new BookingRequest(a.id(), null, room, day, "am", null, UUID.randomUUID().toString(), null, false, null));
        bookings.book(new BookingRequest(a.id(), null, room, day, "pm", null, UUID.randomUUID().toString(), null, false, null));
        jdbc.sql("""
                insert into reservation_block (facility_id, room_id, kind, from_date, to_date, reason, created_by, created_at)
                values (?, null, 'MAINTENANCE', ?, ?, 'test', 1, now())""").params(facility.id(), month.atDay(20), month.atDay(20)).update();
        int slotsPerDay = service.room(room).orElseThrow().slots().size();
        long available = (long) month.lengthOfMonth() * slotsPerDay - slotsPerDay;

        String page = body(mvc.perform(get("/staff/reservations/utilisation").param("from", month.toString())
            .param("to", month.toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(page).contains("テスト会館 " + facility.id()).contains("<svg").contains("<caption")
            .contains(">" + available + "<").contains(">" + slotsPerDay + "<");
        String csv = body(mvc.perform(get("/staff/reservations/utilisation.csv").param("from", month.toString())
            .param("to", month.toString()).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(csv).startsWith("\uFEFFfacility_id,facility_name,month,bookings,available_slots,blocked_slots,rate_percent\r\n");
        long perMille = Math.round(2 * 1000.0 / available);
        assertThat(csv).contains(facility.id() + ",テスト会館 " + facility.id() + "," + month + ",2," + available + ","
            + slotsPerDay + "," + perMille / 10 + "." + perMille % 10 + "\r\n");
        // the same figures in the open data portal's file, and a cancellation in the very next download
        String row = "131202," + facility.id() + ",テスト会館 " + facility.id() + "," + month + "," + available + ",";
        assertThat(openData()).contains(row + "2," + slotsPerDay + "," + perMille / 10 + "." + perMille % 10 + ","
            + service.today() + "\r\n").doesNotContain("@");
        long first = jdbc.sql("select min(id) from reservation_booking where room_id = ?").param(room).query(Long.class).single();
        long admin = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        bookings.cancelByStaff(admin, first, "test");
        long oneInThousand = Math.round(1000.0 / available);
        assertThat(openData()).contains(row + "1," + slotsPerDay + "," + oneInThousand / 10 + "." + oneInThousand % 10 + ",");
        // bad ranges are 400; another department's staff do not see the facility
        mvc.perform(get("/staff/reservations/utilisation").param("from", "2026-13").with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations/utilisation").param("from", "2026-01").param("to", "2027-06")
            .with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations/utilisation").param("from", "2026-05").param("to", "2026-04")
            .with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
        assertThat(body(mvc.perform(get("/staff/reservations/utilisation").param("from", month.toString()).param("lang", "en")
            .with(StaffLogin.staff(jdbc))).andExpect(status().isOk()))).doesNotContain(facility.id());
    }
}
