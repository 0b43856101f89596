package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The staff pages: a facility's week, a booking with its booker (audited), counter payment, cancelling, scope. */
@MachiTest
class StaffBookingPagesTest {


    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = jp.machi.support.StaffLogin.mockMvc(context);
    }

    RequestPostProcessor as(String email, String... roles) {
        return jp.machi.support.StaffLogin.as(jdbc, email, roles);
    }

    RequestPostProcessor admin() {
        return jp.machi.support.StaffLogin.admin(jdbc);
    }

    /** A staff member of 広報課, which owns no facilities. */
    RequestPostProcessor otherDepartment() {
        return jp.machi.support.StaffLogin.staff(jdbc);
    }


    record Made(jp.machi.reservation.booking.BookableRoom room, long bookingId, long bookerId, String email, String date) {}

    /** A fresh resident with a booking of the first open slot from {@code days} days ahead. */
    Made booking(int days) {
        var room = service.byFacility().values().stream().flatMap(List::stream)
            .filter(r -> r.facility().id().startsWith("nerima-")).findFirst().orElseThrow(); // a demo hall, not a test's own
        var who = TestResidents.create(jdbc, "RESIDENT");
        var today = service.today();
        var slot = service.availability(room, today.plusDays(days), today.plusDays(days + 30)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN).findFirst().orElseThrow();
        long id = bookings.book(new BookingRequest(who.id(), null, room.room().id(), slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), null, false, null))
            .booking().id();
        String email = jdbc.sql("select email from account where id = ?").param(who.id()).query(String.class).single();
        return new Made(room, id, who.id(), email, slot.date().toString());
    }

    long audits(String action, long bookingId) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and subject = ?")
            .params(action, "booking:" + bookingId).query(Long.class).single();
    }

    @Test
    void staffSeeTheWeekOpenABookingMarkItPaidAndEveryReadIsAudited() throws Exception {
        var made = booking(20);
        String facility = made.room().facility().id();
        assertThat(body(mvc.perform(get("/staff").with(admin())).andExpect(status().isOk()))).contains("/staff/reservations");
        String chooser = body(mvc.perform(get("/staff/reservations").with(admin())).andExpect(status().isOk()));
        assertThat(chooser).contains("value=\"" + facility + "\"").contains("type=\"date\"");

        String week = body(mvc.perform(get("/staff/reservations").param("facility", facility).param("date", made.date())
            .with(admin())).andExpect(status().isOk()));
        assertThat(week).contains("<caption").contains("scope=\"row\"").contains("scope=\"col\"").contains("table-wrap")
            .contains("予約済").contains("予・" + made.bookingId() + "番").contains("空き")
            .contains("/staff/reservations/bookings/" + made.bookingId()).contains("前の週").contains("次の週");
        assertThat(week.split("<h1", -1)).hasSize(2);
        // the demo halls close on Mondays, and every week has one
        assertThat(week).contains("休館");

        String detail = body(mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).with(admin()))
            .andExpect(status().isOk()));
        assertThat(detail).contains("予約 テスト").contains(made.email()).contains("未払い").contains("窓口で支払いを受けた");
        assertThat(audits("reservation.booking.read", made.bookingId())).isEqualTo(1);

        mvc.perform(post("/staff/reservations/bookings/" + made.bookingId() + "/paid").with(csrf()).with(admin()))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrl("/staff/reservations/bookings/" + made.bookingId()));
        assertThat(jdbc.sql("select paid_at is not null from reservation_booking where id = ?").param(made.bookingId())
            .query(Boolean.class).single()).isTrue();
        assertThat(audits("reservation.booking.paid", made.bookingId())).isEqualTo(1);
        assertThat(body(mvc.perform(get("/staff/reservations").param("facility", facility).param("date", made.date())
            .with(admin())).andExpect(status().isOk()))).contains("支払済");
        // paying twice is refused with a message, not a second entry
        mvc.perform(post("/staff/reservations/bookings/" + made.bookingId() + "/paid").with(csrf()).with(admin()))
            .andExpect(status().is3xxRedirection());
        assertThat(audits("reservation.booking.paid", made.bookingId())).isEqualTo(1);
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).param("lang", "en").with(admin()))
            .andExpect(status().isOk()))).contains("Paid (").contains("Booker");
    }

    @Test
    void cancellingNeedsAReasonThenCancelsRefundsAndTellsTheBookerByMail() throws Exception {
        TestMailbox.start();
        var made = booking(25);
        String path = "/staff/reservations/bookings/" + made.bookingId() + "/cancel";
        String missing = body(mvc.perform(post(path).param("reason", "  ").with(csrf()).with(admin()))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(missing).contains("class=\"error-summary\"").contains("href=\"#reason\"").contains("理由を書いてください")
            .contains("aria-invalid=\"true\"");
        mvc.perform(post(path).param("reason", "x".repeat(201)).with(csrf()).with(admin()))
            .andExpect(status().isUnprocessableEntity());
        assertThat(jdbc.sql("select status from reservation_booking where id = ?").param(made.bookingId())
            .query(String.class).single()).isEqualTo("CONFIRMED");

        mvc.perform(post(path).param("reason", "選挙の投票所として使うため").with(csrf()).with(admin()))
            .andExpect(status().is3xxRedirection());
        var row = jdbc.sql("select status, refund, fee from reservation_booking where id = ?").param(made.bookingId())
            .query().singleRow();
        assertThat(row.get("status")).isEqualTo("CANCELLED");
        assertThat(row.get("refund")).isEqualTo(row.get("fee"));
        assertThat(audits("reservation.booking.cancel-by-staff", made.bookingId())).isEqualTo(1);
        List<MimeMessage> mails = TestMailbox.awaitMailsTo(made.email(), 2, Duration.ofSeconds(30));
        assertThat(mails.stream().map(TestMailbox::text)).anySatisfy(t -> assertThat(t).contains("選挙の投票所として使うため")
            .contains("予約番号: " + made.bookingId()));
        String after = body(mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).with(admin()))
            .andExpect(status().isOk()));
        assertThat(after).contains("取消済").doesNotContain("name=\"reason\"");
        // the slot is free again in the week
        assertThat(body(mvc.perform(get("/staff/reservations").param("facility", made.room().facility().id())
            .param("date", made.date()).with(admin())).andExpect(status().isOk())))
            .doesNotContain("/staff/reservations/bookings/" + made.bookingId() + "\"");
        // cancelling again says it is cancelled already
        mvc.perform(post(path).param("reason", "二度目").with(csrf()).with(admin())).andExpect(status().is3xxRedirection());
        assertThat(audits("reservation.booking.cancel-by-staff", made.bookingId())).isEqualTo(1);
    }

    @Test
    void anotherDepartmentsStaffAndBadInputGet404Or400NeverA500() throws Exception {
        var made = booking(30);
        String facility = made.room().facility().id();
        String own = body(mvc.perform(get("/staff/reservations").with(otherDepartment())).andExpect(status().isOk()));
        assertThat(own).doesNotContain("value=\"" + facility + "\"");
        mvc.perform(get("/staff/reservations").param("facility", facility).with(otherDepartment())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).with(otherDepartment())).andExpect(status().isNotFound());
        mvc.perform(post("/staff/reservations/bookings/" + made.bookingId() + "/paid").with(csrf()).with(otherDepartment()))
            .andExpect(status().isNotFound());
        mvc.perform(post("/staff/reservations/bookings/" + made.bookingId() + "/cancel").param("reason", "x").with(csrf())
            .with(otherDepartment())).andExpect(status().isNotFound());
        assertThat(audits("reservation.booking.read", made.bookingId())).isZero();
        assertThat(jdbc.sql("select status from reservation_booking where id = ?").param(made.bookingId())
            .query(String.class).single()).isEqualTo("CONFIRMED");

        mvc.perform(get("/staff/reservations").param("facility", "no-such-facility").with(admin())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations").param("facility", facility).param("date", "2999-01-01").with(admin()))
            .andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations").param("facility", facility).param("date", "2026-02-30").with(admin()))
            .andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations").param("facility", facility).param("date", "soon").with(admin()))
            .andExpect(status().isBadRequest());
        mvc.perform(get("/staff/reservations/bookings/abc").with(admin())).andExpect(status().isNotFound());
        mvc.perform(get("/staff/reservations/bookings/999999999999").with(admin())).andExpect(status().isNotFound());
        // nobody signed in: no page (a browser is sent to the sign-in page)
        mvc.perform(get("/staff/reservations")).andExpect(status().isUnauthorized());
    }

    /**
     * At the counter, acting for the resident, staff record the document they saw for the residency (kind only); a
     * document showing another residency corrects the registration; the resident sees the check, cannot record one
     * themselves, and declaring again clears it; the staff booking page says whether the residency was checked.
     */
    @Test
    void staffAtTheCounterRecordTheEvidenceOfAResidencyAndTheResidentSeesIt() throws Exception {
        Made made = booking(12);
        var proxy = new jp.machi.shared.security.CurrentActor.ProxySubject(made.bookerId(), "予約 テスト");
        String key = jp.machi.shared.security.CurrentActor.PROXY_SESSION_KEY;
        String page = body(mvc.perform(get("/account/bookings/registration").with(admin()).sessionAttr(key, proxy))
            .andExpect(status().isOk()));
        assertThat(page).contains("窓口での確認（職員）").contains("申告のみです").contains("name=\"kind\"");
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).with(admin())).andExpect(status().isOk())))
            .contains("在住（区内に住んでいる） — 申告のみ");

        // no document chosen: 400 with the reason, nothing written
        assertThat(body(mvc.perform(post("/account/bookings/registration/evidence").with(admin()).with(csrf()).sessionAttr(key, proxy)
            .param("residency", "RESIDENT")).andExpect(status().isBadRequest()))).contains("確認した書類を選んでください。");
        assertThat(bookers.booker(made.bookerId()).orElseThrow().evidenceCheckedAt()).isNull();
        // the resident cannot record a check on themselves
        mvc.perform(post("/account/bookings/registration/evidence").with(as(made.email(), "RESIDENT")).with(csrf())
            .param("kind", "driver-licence").param("residency", "RESIDENT")).andExpect(status().isForbidden());

        // the licence shows an address outside the ward: the registration is corrected, audited with both
        mvc.perform(post("/account/bookings/registration/evidence").with(admin()).with(csrf()).sessionAttr(key, proxy)
            .param("kind", "driver-licence").param("residency", "NON_RESIDENT")).andExpect(status().is3xxRedirection());
        var booker = bookers.booker(made.bookerId()).orElseThrow();
        assertThat(booker.residency().name()).isEqualTo("NON_RESIDENT");
        assertThat(booker.evidenceKind()).isEqualTo("driver-licence");
        assertThat(jdbc.sql("select detail_key || ' ' || detail_args from audit_entry where action = 'reservation.booker.evidence' and subject = ?")
            .param("booker:" + made.bookerId()).query(String.class).single()).isEqualTo("reservation.booking.audit.evidence.changed "
                + "[{\"word\":\"reservation.evidence.kind.driver-licence\"},{\"word\":\"reservation.residency.non-resident\"},"
                + "{\"word\":\"reservation.residency.resident\"}]");
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + made.bookingId()).with(admin())).andExpect(status().isOk())))
            .contains("区外（いずれにも当たらない） — 窓口で確認済み").contains("運転免許証");
        String own = body(mvc.perform(get("/account/bookings/registration").with(as(made.email(), "RESIDENT")).param("lang", "en"))
            .andExpect(status().isOk()));
        assertThat(own).contains("A document was checked at the counter").contains("Driving licence").doesNotContain("name=\"kind\"");

        // declaring again clears the check
        mvc.perform(post("/account/bookings/registration").with(as(made.email(), "RESIDENT")).with(csrf()).param("residency", "WORKER"))
            .andExpect(status().is3xxRedirection());
        assertThat(bookers.booker(made.bookerId()).orElseThrow().evidenceCheckedAt()).isNull();
    }
}
