package jp.machi.reservation.lottery;

import jp.machi.identity.TestAccounts;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.LotteryFixtures;
import jp.machi.reservation.IndependentLotteryCheck;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.draw.VerifiableDraw;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import jp.machi.reservation.lottery.internal.LotteryRepository;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/**
 * The lottery end to end on the real database, mail server and HTTP layer: staff create a round, residents apply
 * in the browser pages, first-come booking is refused for the held slots, commit, draw, result mail, confirming a
 * win, lapsing of unconfirmed wins, the public pages, downloads, verification and the API; bad input gives 4xx
 * with a message and writes nothing.
 */
@MachiTest
class LotteryTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired LotteryService lottery;
    @Autowired BookableRooms reservations;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired jp.machi.reservation.booking.internal.Cancellations cancellations;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        TestMailbox.start();
    }

    /**
     * The test facilities stay in the shared database but stop being bookable, so other test classes that take "the
     * first bookable room" never get one of ours (open on Mondays, held by our rounds).
     */
    @org.junit.jupiter.api.AfterEach
    void retireTestRooms() {
        LotteryFixtures.retire(jdbc);
    }


    static String email(long accountId, JdbcClient jdbc) {
        return jdbc.sql("select email from account where id = ?").param(accountId).query(String.class).single();
    }

    MockHttpServletRequestBuilder apply(long round, TestResidents.Resident who, String... fields) {
        MockHttpServletRequestBuilder b = post("/account/lottery/rounds/" + round + "/applications")
            .with(jp.machi.support.SignedIn.resident(who.id()));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b = b.param(fields[i], fields[i + 1]);
        }
        return b;
    }

    long applications(long round) {
        return LotteryFixtures.applications(jdbc, round);
    }

    @Test
    void staffCreateARoundResidentsApplyCommitDrawMailConfirmAndUnconfirmedWinsLapse() throws Exception {
        var place = LotteryFixtures.facility(jdbc, 2);
        long room1 = place.rooms().get(0);
        long room2 = place.rooms().get(1);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        LocalDate d1 = LotteryFixtures.weekday(month, 3);
        LocalDate d2 = LotteryFixtures.weekday(month, 4);
        Instant now = Instant.now();
        String name = "テスト抽選 " + place.facilityId();

        // staff: the staff reservation page links to the lottery pages; a new round is created with a form
        assertThat(body(mvc.perform(get("/staff/reservations").with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("/staff/reservations/lottery");
        assertThat(body(mvc.perform(get("/staff/reservations/lottery/new").with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("room-" + room1);
        String bad = body(mvc.perform(post("/staff/reservations/lottery").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("nameJa", name).param("nameEn", "Test").param("month", month.toString().substring(0, 7))
            .param("opensAt", LotteryFixtures.local(now.plus(Duration.ofDays(1)))).param("closesAt", LotteryFixtures.local(now))
            .param("drawAt", LotteryFixtures.local(now)).param("confirmBy", LotteryFixtures.local(now)).param("firstComeAt", LotteryFixtures.local(now))
            .param("maxChoices", "3").param("maxApplications", "2").param("rooms", "" + room1))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("申込開始 &lt; 申込締切");
        mvc.perform(post("/staff/reservations/lottery").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("nameJa", name).param("nameEn", "Test round").param("month", month.toString().substring(0, 7))
            .param("opensAt", LotteryFixtures.local(now.minus(Duration.ofDays(1)))).param("closesAt", LotteryFixtures.local(now.plus(Duration.ofDays(1))))
            .param("drawAt", LotteryFixtures.local(now.plus(Duration.ofDays(2)))).param("confirmBy", LotteryFixtures.local(now.plus(Duration.ofDays(3))))
            .param("firstComeAt", LotteryFixtures.local(now.plus(Duration.ofDays(4)))).param("maxChoices", "3").param("maxApplications", "2")
            .param("rooms", "" + room1).param("rooms", "" + room2))
            .andExpect(status().is3xxRedirection());
        long round = jdbc.sql("select id from reservation_lottery_round where name_ja = ?").param(name).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.lottery.round-created' and subject = ?")
            .param("lottery-round:" + round).query(Long.class).single()).isEqualTo(1L);

        // residents find the round from /reservations and apply with ranked choices
        assertThat(body(mvc.perform(get("/reservations")).andExpect(status().isOk()))).contains("/reservations/lottery");
        assertThat(body(mvc.perform(get("/reservations/lottery")).andExpect(status().isOk()))).contains(name).contains("申込み受付中");
        var a = TestResidents.create(jdbc, "RESIDENT");
        var b = TestResidents.create(jdbc, "RESIDENT");
        var c = TestResidents.create(jdbc, "NON_RESIDENT");
        TestAccounts.preferLanguage(jdbc, c.id(), "en");
        String page = body(mvc.perform(get("/account/lottery/rounds/" + round).with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().isOk()));
        assertThat(page).contains("第1希望").contains("name=\"room3\"").doesNotContain("name=\"room4\"");
        mvc.perform(apply(round, a, "room1", "" + room1, "date1", d1.toString(), "slot1", "am",
            "room2", "" + room1, "date2", d1.toString(), "slot2", "pm")).andExpect(status().is3xxRedirection());
        mvc.perform(apply(round, a, "room1", "" + room2, "date1", d2.toString(), "slot1", "night")).andExpect(status().is3xxRedirection());
        mvc.perform(apply(round, b, "room1", "" + room1, "date1", d1.toString(), "slot1", "am",
            "room2", "" + room2, "date2", d1.toString(), "slot2", "am")).andExpect(status().is3xxRedirection());
        mvc.perform(apply(round, c, "room1", "" + room1, "date1", d1.toString(), "slot1", "am")).andExpect(status().is3xxRedirection());
        String mine = body(mvc.perform(get("/account/lottery/rounds/" + round).with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().isOk()));
        String referenceA = lottery.mine(a.id(), lottery.round(round).orElseThrow()).reference();
        assertThat(mine).contains(referenceA).contains("申込 1").contains("申込 2").contains("この申込みを取り下げる")
            .doesNotContain("この内容で申し込む"); // the cap of 2 is reached

        // the held slots: availability says lottery, first-come booking says no (409 lottery), nothing written
        String availability = body(mvc.perform(get("/api/v1/rooms/" + room1 + "/availability").param("from", d1.toString())
            .param("to", d1.toString())).andExpect(status().isOk()));
        assertThat(availability).contains("\"status\":\"lottery\"").doesNotContain("\"status\":\"open\"");
        var d = TestResidents.create(jdbc, "RESIDENT");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + d.token())
            .header("Idempotency-Key", "lottery-test-1").contentType("application/json")
            .content("{\"roomId\":" + room1 + ",\"date\":\"" + d1 + "\",\"slot\":\"am\"}")).andExpect(status().isConflict())))
            .contains("\"code\":\"lottery\"").contains("抽選");
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id = ?").param(d.id())
            .query(Long.class).single()).isZero();

        // before the window closes the staff button does nothing; at the closing time the commitment is published
        LotteryRound r = lottery.round(round).orElseThrow();
        mvc.perform(post("/staff/reservations/lottery/" + round + "/commit").with(StaffLogin.admin(jdbc)).with(csrf()))
            .andExpect(status().is3xxRedirection());
        assertThat(lottery.round(round).orElseThrow().phase()).isEqualTo(LotteryRound.Phase.PLANNED);
        assertThat(lottery.commit(round, r.closesAt())).isTrue();
        r = lottery.round(round).orElseThrow();
        String list = body(mvc.perform(get("/reservations/lottery/rounds/" + round + "/list.csv")).andExpect(status().isOk()));
        assertThat(VerifiableDraw.sha256(list)).isEqualTo(r.listSha256());
        assertThat(list).startsWith("reference,application,rank,room,date,slot\n").contains(referenceA + ",2,1," + room2 + "," + d2 + ",night\n")
            .doesNotContainPattern("(?m)^" + a.id() + ",");
        String api = body(mvc.perform(get("/api/v1/lottery/rounds/" + round)).andExpect(status().isOk()));
        assertThat(api).contains("\"state\":\"committed\"").contains("\"listSha256\":\"" + r.listSha256())
            .contains("\"seedSha256\":\"" + r.seedSha256()).contains("\"seed\":null").doesNotContain("\"results\"");
        mvc.perform(get("/reservations/lottery/rounds/" + round + "/results.csv")).andExpect(status().isNotFound());
        // withdrawing after the close is refused
        long appOfA = lottery.mine(a.id(), r).applications().get(0).id();
        mvc.perform(post("/account/lottery/applications/" + appOfA + "/withdraw").with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().is3xxRedirection());
        assertThat(applications(round)).isEqualTo(4);

        // the draw at its time: PROVISIONAL bookings held until the confirmation deadline
        assertThat(lottery.draw(round, r.drawAt().minusSeconds(1))).isFalse();
        assertThat(lottery.draw(round, r.drawAt())).isTrue();
        r = lottery.round(round).orElseThrow();
        String results = body(mvc.perform(get("/reservations/lottery/rounds/" + round + "/results.csv")).andExpect(status().isOk()));
        assertThat(IndependentLotteryCheck.sha256Hex(r.seed())).isEqualTo(r.seedSha256());
        assertThat(IndependentLotteryCheck.results(list, r.seed())).isEqualTo(results);
        List<LotteryFormat.Result> parsed = LotteryFormat.results(results);
        assertThat(parsed).hasSize(4);
        long winners = parsed.stream().filter(LotteryFormat.Result::won).count();
        assertThat(jdbc.sql("select count(*) from reservation_booking where room_id in (?, ?) and status = 'PROVISIONAL' and hold_expires_at = ?")
            .params(room1, room2, java.sql.Timestamp.from(r.confirmBy())).query(Long.class).single()).isEqualTo(winners);
        // A's second application (a slot nobody else wanted) won with its first choice
        assertThat(parsed).contains(new LotteryFormat.Result(referenceA, 2, 1, room2, d2, "night"));

        // the result to every applicant, in their language: a personal notice (notification module) in My Page and by
        // mail, naming the won slot (facility, room, date, slot), saying why it came and how to stop it
        while (lottery.sendResults(100, Instant.now()) > 0) {
            // batches
        }
        MimeMessage mailA = TestMailbox.awaitMailTo(email(a.id(), jdbc));
        assertThat(mailA.getSubject()).contains("抽選結果");
        assertThat(TestMailbox.text(mailA)).contains(referenceA).contains("当選").contains("/account/lottery/rounds/" + round)
            .contains(lottery.describe(new LotteryRepository.Choice(1, room2, d2, "night"), java.util.Locale.JAPANESE))
            .contains("このお知らせを受け取った理由:").contains("施設予約の抽選「" + name + "」に申し込まれたため")
            .contains("この種類のお知らせを止める:");
        assertThat(body(mvc.perform(get("/account/notifications").with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().isOk()))).contains("抽選結果のお知らせ（" + name + "）");
        assertThat(jdbc.sql("select count(*) from notification_personal where account_id = ? and type_code = 'reservation.lottery-result'")
            .param(a.id()).query(Long.class).single()).isEqualTo(1L);
        assertThat(TestMailbox.awaitMailTo(email(b.id(), jdbc)).getSubject()).contains("抽選結果");
        assertThat(TestMailbox.awaitMailTo(email(c.id(), jdbc)).getSubject()).contains("lottery result");

        // A confirms the win of application 2 on the page; it becomes CONFIRMED
        String aPage = body(mvc.perform(get("/account/lottery/rounds/" + round).with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().isOk()));
        assertThat(aPage).contains("予約を確定する").contains("当選（第1希望）");
        var appsOfA = lottery.mine(a.id(), r).applications();
        var second = appsOfA.stream().filter(x -> x.cardNo() == 2).findFirst().orElseThrow();
        mvc.perform(post("/account/lottery/applications/" + second.id() + "/confirm").with(jp.machi.support.SignedIn.resident(b.id())))
            .andExpect(status().isNotFound());
        mvc.perform(post("/account/lottery/applications/" + second.id() + "/confirm").with(jp.machi.support.SignedIn.resident(a.id())))
            .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status from reservation_booking where id = ?").param(second.bookingId()).query(String.class).single())
            .isEqualTo("CONFIRMED");
        assertThat(body(mvc.perform(get("/account/lottery/rounds/" + round).param("lang", "en")
            .with(jp.machi.support.SignedIn.resident(a.id()))).andExpect(status().isOk()))).contains("The booking is confirmed.");

        // unconfirmed wins lapse at the deadline through the existing hold expiry; confirmed ones stay
        cancellations.expireHolds(r.confirmBy());
        assertThat(jdbc.sql("select count(*) from reservation_booking where room_id in (?, ?) and status = 'PROVISIONAL'")
            .params(room1, room2).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from reservation_booking where room_id in (?, ?) and status = 'CONFIRMED'")
            .params(room1, room2).query(Long.class).single()).isEqualTo(1L);

        // the public page and the verification page say the published data matches
        // the resident's page says the rule and the results in words; hashes and seed are on the verification page only
        String roundPage = body(mvc.perform(get("/reservations/lottery/rounds/" + round)).andExpect(status().isOk()));
        assertThat(roundPage).contains(referenceA).contains("/verify").contains("当選のきまり").contains("当選（第1希望）：")
            .contains("令和").doesNotContain(r.seed()).doesNotContain(r.listSha256()).doesNotContain("docs/modules")
            .doesNotContain("室場 " + room1);
        String roundPageEn = body(mvc.perform(get("/reservations/lottery/rounds/" + round).param("lang", "en")).andExpect(status().isOk()));
        assertThat(roundPageEn).contains("How winning works").contains("Won (choice 1): ").doesNotContain("Not drawn")
            .doesNotContain("''");
        assertThat(body(mvc.perform(get("/reservations/lottery/rounds/" + round + "/verify")).andExpect(status().isOk())))
            .contains("一致しました").contains(r.seed()).contains(r.listSha256());
        // a tampered seed or list pasted into the verification form is detected
        String otherSeed = VerifiableDraw.newSeed();
        assertThat(body(mvc.perform(post("/reservations/lottery/rounds/" + round + "/verify").with(csrf()).param("seed", otherSeed)
            .param("lang", "en")).andExpect(status().isOk()))).contains("The SHA-256 of the seed does not match the commitment.");
        String tampered = list.replace(referenceA + ",2,1," + room2, referenceA + ",2,1," + room1);
        assertThat(body(mvc.perform(post("/reservations/lottery/rounds/" + round + "/verify").with(csrf()).param("list", tampered))
            .andExpect(status().isOk()))).contains("申込み一覧の SHA-256 が公約と一致しません");

        // the API after the draw: seed and anonymised results
        String drawn = body(mvc.perform(get("/api/v1/lottery/rounds/" + round)).andExpect(status().isOk()));
        assertThat(drawn).contains("\"seed\":\"" + r.seed() + "\"").contains("\"results\":[")
            .contains("{\"reference\":\"" + referenceA + "\",\"application\":2,\"rank\":1,\"roomId\":" + room2 + ",\"date\":\"" + d2
                + "\",\"slot\":\"night\"}");
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ? and action in ('reservation.lottery.committed', 'reservation.lottery.drawn')")
            .param("lottery-round:" + round).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void badApplicationsAre4xxWithAMessageAndWriteNothing() throws Exception {
        var place = LotteryFixtures.facility(jdbc, 1);
        long room = place.rooms().get(0);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        LocalDate day = LotteryFixtures.weekday(month, 2);
        long round = lottery.createRound(LotteryFixtures.openRound("不正入力 " + place.facilityId(), month, List.of(room), 2, 1), null);
        var otherPlace = LotteryFixtures.facility(jdbc, 1);
        var who = TestResidents.create(jdbc, "RESIDENT");

        String[][] cases = {
            {"この室場はこの抽選の対象ではありません", "room1", "" + otherPlace.rooms().get(0), "date1", day.toString(), "slot1", "am"},
            {"この室場にはそのコマがありません", "room1", "" + room, "date1", day.toString(), "slot1", "lunch"},
            {"利用日が抽選の利用月に入っていません", "room1", "" + room, "date1", month.plusMonths(1).toString(), "slot1", "am"},
            {"休館または開館時間外", "room1", "" + room, "date1", LotteryFixtures.sunday(month).toString(), "slot1", "am"},
            {"希望が多すぎます", "room1", "" + room, "date1", day.toString(), "slot1", "am", "room3", "" + room, "date3",
                day.toString(), "slot3", "pm"},
            {"同じ枠を二度選んでいます", "room1", "" + room, "date1", day.toString(), "slot1", "am", "room2", "" + room, "date2",
                day.toString(), "slot2", "am"},
            {"利用日を YYYY-MM-DD の形で入力してください", "room1", "" + room, "date1", "2027-02-30", "slot1", "am"},
            {"室場を選んでください", "room1", "abc", "date1", day.toString(), "slot1", "am"},
            {"希望を一つ以上選んでください"},
        };
        for (String[] c : cases) {
            String[] fields = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertThat(body(mvc.perform(apply(round, who, fields)).andExpect(status().isUnprocessableEntity())))
                .as(c[0]).contains(c[0]).contains("error-summary");
        }
        assertThat(applications(round)).isZero();
        // not registered as a booker
        var stranger = TestResidents.create(jdbc, null);
        assertThat(body(mvc.perform(apply(round, stranger, "room1", "" + room, "date1", day.toString(), "slot1", "am"))
            .andExpect(status().isUnprocessableEntity()))).contains("利用者登録が必要です");
        // the cap of one application
        mvc.perform(apply(round, who, "room1", "" + room, "date1", day.toString(), "slot1", "am")).andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(apply(round, who, "room1", "" + room, "date1", day.toString(), "slot1", "pm")
            .param("lang", "en")).andExpect(status().isUnprocessableEntity())))
            .contains("You have reached the number of applications allowed for this month of use");
        assertThat(applications(round)).isEqualTo(1);
        // outside the window: a round whose window has not opened yet
        var later = LotteryFixtures.facility(jdbc, 1);
        Instant now = Instant.now();
        long notYet = lottery.createRound(new LotteryService.RoundForm("未開始 " + later.facilityId(), "Not yet", month,
            now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(4)),
            now.plus(Duration.ofDays(5)), 2, 2, later.rooms()), null);
        assertThat(body(mvc.perform(apply(notYet, who, "room1", "" + later.rooms().get(0), "date1", day.toString(), "slot1", "am"))
            .andExpect(status().isUnprocessableEntity()))).contains("申込期間外です");
        assertThat(applications(notYet)).isZero();
        // before its window the round holds nothing: first-come booking is still open there
        assertThat(body(mvc.perform(get("/api/v1/rooms/" + later.rooms().get(0) + "/availability").param("from", day.toString())
            .param("to", day.toString())).andExpect(status().isOk()))).doesNotContain("lottery");
        // the service says the same to callers that skip the page
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lottery.apply(who.id(), round,
            List.of(new LotteryRepository.Choice(0, room, day, "night")), Instant.now().minus(Duration.ofDays(3))))
            .hasMessageContaining("not-open");
        // a room in another round of the same month cannot be taken twice
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lottery.createRound(
            LotteryFixtures.openRound("重複 " + place.facilityId(), month, List.of(room), 2, 1), null)).hasMessageContaining("room-in-other-round");
        // malformed or unknown ids
        mvc.perform(get("/reservations/lottery/rounds/abc")).andExpect(status().isNotFound());
        mvc.perform(get("/reservations/lottery/rounds/999999999")).andExpect(status().isNotFound());
        mvc.perform(get("/account/lottery/rounds/x").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isNotFound());
        mvc.perform(post("/account/lottery/applications/999999999/withdraw").with(jp.machi.support.SignedIn.resident(who.id())))
            .andExpect(status().isNotFound());
        // withdrawing inside the window works and writes it away
        long mineId = lottery.mine(who.id(), lottery.round(round).orElseThrow()).applications().get(0).id();
        mvc.perform(post("/account/lottery/applications/" + mineId + "/withdraw").with(jp.machi.support.SignedIn.resident(stranger.id())))
            .andExpect(status().isNotFound());
        mvc.perform(post("/account/lottery/applications/" + mineId + "/withdraw").with(jp.machi.support.SignedIn.resident(who.id())))
            .andExpect(status().is3xxRedirection());
        assertThat(applications(round)).isZero();
        // signing in is needed for the resident pages
        mvc.perform(get("/account/lottery").accept(org.springframework.http.MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
        // staff pages need a staff role
        mvc.perform(get("/staff/reservations/lottery").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isForbidden());
    }

    @Test
    void theApiListsRoundsAndAnswers400And404AsJson() throws Exception {
        var place = LotteryFixtures.facility(jdbc, 1);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        long round = lottery.createRound(LotteryFixtures.openRound("API " + place.facilityId(), month, place.rooms(), 3, 2), null);
        String list = body(mvc.perform(get("/api/v1/lottery/rounds")).andExpect(status().isOk()));
        assertThat(list).startsWith("[").contains("\"id\":" + round).contains("\"state\":\"open\"")
            .contains("\"targetMonth\":\"" + month.toString().substring(0, 7) + "\"").contains("\"commitment\":null")
            .contains("\"roomIds\":[" + place.rooms().get(0) + "]").contains("\"maxChoices\":3");
        String one = body(mvc.perform(get("/api/v1/lottery/rounds/" + round)).andExpect(status().isOk()));
        assertThat(one).contains("\"opensAt\":\"").contains("\"drawAt\":\"").contains("\"confirmBy\":\"")
            .contains("\"firstComeAt\":\"").contains("\"seed\":null");
        assertThat(body(mvc.perform(get("/api/v1/lottery/rounds/abc")).andExpect(status().isBadRequest())))
            .contains("\"status\":400").contains("\"parameter\":\"id\"").contains("数字");
        assertThat(body(mvc.perform(get("/api/v1/lottery/rounds/999999999").header("Accept-Language", "en"))
            .andExpect(status().isNotFound()))).contains("\"code\":\"not-found\"").contains("No such lottery round.");
        assertThat(body(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()))).contains("/api/v1/lottery/rounds/{id}");
    }

    @Test
    void theDemoRoundsExistAndTheDrawnOneVerifies() throws Exception {
        List<LotteryRound> demo = lottery.rounds().stream().filter(r -> r.nameEn().endsWith("(demo)")).toList();
        assertThat(demo).extracting(r -> r.phase()).contains(LotteryRound.Phase.DRAWN, LotteryRound.Phase.PLANNED);
        LotteryRound drawn = demo.stream().filter(r -> r.phase() == LotteryRound.Phase.DRAWN).findFirst().orElseThrow();
        assertThat(lottery.applicantCount(drawn.id())).isGreaterThanOrEqualTo(5);
        String list = body(mvc.perform(get("/reservations/lottery/rounds/" + drawn.id() + "/list.csv")).andExpect(status().isOk()));
        String results = body(mvc.perform(get("/reservations/lottery/rounds/" + drawn.id() + "/results.csv")).andExpect(status().isOk()));
        assertThat(IndependentLotteryCheck.results(list, drawn.seed())).isEqualTo(results);
        assertThat(body(mvc.perform(get("/reservations/lottery/rounds/" + drawn.id() + "/verify").param("lang", "en"))
            .andExpect(status().isOk()))).contains("Everything matches");
        // the demo resident took part and sees a reference on their own page
        assertThat(body(mvc.perform(get("/account/lottery/rounds/" + drawn.id()).with(jp.machi.support.SignedIn.resident(jdbc.sql("select id from account where email = 'resident@demo.machi.example'")
            .query(Long.class).single())))
            .andExpect(status().isOk()))).contains("code-box");
        LotteryRound open = demo.stream().filter(r -> r.phase() == LotteryRound.Phase.PLANNED).findFirst().orElseThrow();
        assertThat(open.state(Instant.now())).isEqualTo("open");
    }
}
