package jp.machi.reservation.legacy;

import jp.machi.identity.TestAccounts;
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

/** Legacy CSV import: preview, all or nothing, a second import changes nothing, encodings, every row's problem, claiming. */
@MachiTest
class LegacyImportTest extends LegacyFixture {

    static final String HEADER = "legacy_booker_id,name,email,residency,legacy_booking_id,room_id,date,slot\r\n";

    @Test
    void aFileIsPreviewedImportedAllAtOnceAndASecondImportChangesNothing() throws Exception {
        var facility = TestRooms.create(jdbc, 1);
        long room = facility.rooms()[0];
        var known = TestResidents.create(jdbc, null);
        String knownEmail = jdbc.sql("select email from account where id = ?").param(known.id()).query(String.class).single();
        String u = UUID.randomUUID().toString().substring(0, 8);
        String newEmail = "legacy-" + u + "@example.com";
        LocalDate day = service.today().plusDays(30);
        String csv = HEADER
            + "A" + u + ",\"練馬, 一郎\"," + knownEmail + ",在勤,B1" + u + "," + room + "," + day + ",am\r\n"
            + "N" + u + ",旧 花子," + newEmail + ",区外,B2" + u + "," + room + "," + day + ",pm\r\n"
            + "N" + u + ",旧 花子," + newEmail + ",区外,B3" + u + "," + room + "," + day.plusDays(1) + ",night\r\n"
            + "R" + u + ",登録 だけ,only-" + u + "@example.com,在住,,,,\r\n";
        String preview = upload(bom(csv));
        String page = body(mvc.perform(get(preview).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(page).contains("UTF-8 (BOM)").contains("練馬, 一郎").contains("予約を取り込む").contains("利用者登録のみ");
        assertThat(count("select count(*) from reservation_booking where legacy_ref like ?", "%" + u)).isZero();

        mvc.perform(post(preview + "/commit").with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from reservation_booking where legacy_ref like ? and status = 'CONFIRMED'", "%" + u)).isEqualTo(3);
        assertThat(count("select count(*) from reservation_booking where legacy_ref = ? and booker_account_id = ?", "B1" + u, known.id())).isEqualTo(1);
        assertThat(jdbc.sql("select residency from reservation_booker where account_id = ?").param(known.id())
            .query(String.class).single()).isEqualTo("WORKER");
        assertThat(count("select count(*) from reservation_booking where legacy_ref = ? and booker_account_id is null and fee = 1800", "B2" + u)).isEqualTo(1);
        assertThat(count("select count(*) from reservation_legacy_booker where legacy_id in (?, ?)", "N" + u, "R" + u)).isEqualTo(2);
        assertThat(count("select count(*) from audit_entry where action = 'reservation.import.commit' and detail like ?", "%3 bookings%")).isGreaterThanOrEqualTo(1);
        // the slot is taken for everybody else
        var slot = service.availability(service.room(room).orElseThrow(), day, day).stream()
            .filter(a -> a.slot().code().equals("pm")).findFirst().orElseThrow();
        assertThat(slot.status().name()).isEqualTo("BOOKED");
        // committing the same upload again is refused; uploading the same file again changes nothing
        mvc.perform(post(preview + "/commit").with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity());
        String again = upload(bom(csv));
        assertThat(body(mvc.perform(get(again).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()))).contains("取り込み済み（変更なし）");
        mvc.perform(post(again + "/commit").with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from reservation_booking where legacy_ref like ?", "%" + u)).isEqualTo(3);
        assertThat(count("select count(*) from reservation_legacy_booker where legacy_id = ?", "N" + u)).isEqualTo(1);
        // another staff member cannot see the upload
        mvc.perform(get(preview).with(StaffLogin.staff(jdbc))).andExpect(status().isNotFound());

        // the person signs up with the address from the old system and takes the bookings over
        long account = TestAccounts.resident(jdbc, newEmail, "旧 花子");
        var as = StaffLogin.as(jdbc, newEmail, "RESIDENT");
        assertThat(body(mvc.perform(get("/account/bookings/imported").with(as)).andExpect(status().isOk()))).contains("旧 花子").contains("2件");
        mvc.perform(post("/account/bookings/imported/999999999/claim").with(csrf()).with(as)).andExpect(status().isNotFound());
        long legacyId = jdbc.sql("select id from reservation_legacy_booker where legacy_id = ?").param("N" + u).query(Long.class).single();
        mvc.perform(post("/account/bookings/imported/" + legacyId + "/claim").with(csrf()).with(as)).andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from reservation_booking where legacy_booker_id = ? and booker_account_id = ?", legacyId, account)).isEqualTo(2);
        assertThat(jdbc.sql("select residency from reservation_booker where account_id = ?").param(account).query(String.class).single())
            .isEqualTo("NON_RESIDENT");
        assertThat(body(mvc.perform(get("/account/bookings").with(as)).andExpect(status().isOk()))).contains("/account/bookings/");
        // somebody else cannot claim it (the address must be theirs)
        var other = TestResidents.create(jdbc, null);
        String otherEmail = jdbc.sql("select email from account where id = ?").param(other.id()).query(String.class).single();
        mvc.perform(post("/account/bookings/imported/" + legacyId + "/claim").with(csrf()).with(StaffLogin.as(jdbc, otherEmail, "RESIDENT")))
            .andExpect(status().isNotFound());
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEveryRowsProblemAndShiftJisIsRead() throws Exception {
        var facility = TestRooms.create(jdbc, 1);
        long room = facility.rooms()[0];
        String u = UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = service.today().plusDays(31);
        String csv = HEADER
            + "G" + u + ",良い 行,good-" + u + "@example.com,在住,C1" + u + "," + room + "," + day + ",am\r\n"
            + "X" + u + ",悪い 行,not-an-address,どこか,C2" + u + ",999999999,2020-01-01,am\r\n"
            + "Y" + u + ",重複 行,dup-" + u + "@example.com,在住,C3" + u + "," + room + "," + day + ",am\r\n"
            + "Z" + u + ",コマ 違い,zz-" + u + "@example.com,在学,C4" + u + "," + room + "," + day + ",zz\r\n"
            + "W" + u + ",短い\r\n";
        byte[] sjis = csv.getBytes(Charset.forName("windows-31j"));
        String preview = upload(sjis);
        String page = body(mvc.perform(get(preview).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()));
        assertThat(page).contains("取り込めません").contains("3行目").contains("not-an-address").contains("どこか")
            .contains("室場「999999999」はありません").contains("2020-01-01")
            .contains("4行目").contains("2行目にもあります").contains("5行目").contains("コマ「zz」").contains("6行目").contains("列の数が8ではありません");
        mvc.perform(post(preview + "/commit").with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().isUnprocessableEntity());
        assertThat(count("select count(*) from reservation_booking where legacy_ref like ?", "%" + u)).isZero();
        assertThat(count("select count(*) from reservation_legacy_booker where legacy_id like ?", "%" + u)).isZero();

        // a good Shift_JIS file is read as such
        String good = HEADER + "S" + u + ",漢字 氏名,sjis-" + u + "@example.com,在住,D1" + u + "," + room + "," + day + ",pm\r\n";
        String ok = upload(good.getBytes(Charset.forName("windows-31j")));
        assertThat(body(mvc.perform(get(ok).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()))).contains("Shift_JIS").contains("漢字 氏名");
        mvc.perform(post(ok + "/commit").with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select name from reservation_legacy_booker where legacy_id = ?").param("S" + u).query(String.class).single())
            .isEqualTo("漢字 氏名");
        // a wrong header, an empty upload
        String wrong = upload("a,b,c\r\n1,2,3\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(body(mvc.perform(get(wrong).with(StaffLogin.admin(jdbc))).andExpect(status().isOk()))).contains("1行目の見出しが違います");
        mvc.perform(multipart("/staff/reservations/import").file(new MockMultipartFile("file", "e.csv", "text/csv", new byte[0]))
            .with(csrf()).with(StaffLogin.admin(jdbc))).andExpect(status().isBadRequest());
    }
}
