package jp.machi.reservation.lottery;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestGroups;
import jp.machi.reservation.LotteryFixtures;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import jp.machi.reservation.groups.internal.EligibilityCheck;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.draw.VerifiableDraw;
import jp.machi.reservation.lottery.internal.LotteryFormat;
import jp.machi.reservation.lottery.internal.LotteryRound;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/**
 * Groups in the lottery and who may apply in a round: staff choose individuals, groups and non-residents per round; a
 * group's representative applies for the group (its own reference, one chance for the group); non-representatives,
 * excluded kinds of applicant and rooms closed to them get a 422 with the reason and nothing is written; a group's
 * win becomes the group's provisional booking, its result goes to the representative, who confirms it.
 */
@MachiTest
class LotteryGroupsTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired LotteryService lottery;
    @Autowired BookableRooms reservations;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;
    @Autowired GroupService groups;
    @Autowired EligibilityCheck eligibility;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = StaffLogin.mockMvc(context);
        TestMailbox.start();
    }

    @AfterEach
    void retireTestRooms() {
        LotteryFixtures.retire(jdbc);
    }

    /** The staff form for a round open now over the rooms, with the "who may apply" boxes given. */
    MockHttpServletRequestBuilder roundForm(String name, LocalDate month, LotteryFixtures.Place place, String... who) {
        Instant now = Instant.now();
        var b = post("/staff/reservations/lottery").with(StaffLogin.admin(jdbc)).with(csrf())
            .param("nameJa", name).param("nameEn", name + " (en)").param("month", month.toString().substring(0, 7))
            .param("opensAt", LotteryFixtures.local(now.minus(Duration.ofDays(1)))).param("closesAt", LotteryFixtures.local(now.plus(Duration.ofDays(1))))
            .param("drawAt", LotteryFixtures.local(now.plus(Duration.ofDays(2)))).param("confirmBy", LotteryFixtures.local(now.plus(Duration.ofDays(3))))
            .param("firstComeAt", LotteryFixtures.local(now.plus(Duration.ofDays(4)))).param("maxChoices", "2").param("maxApplications", "2")
            .param("whoShown", "1");
        for (long room : place.rooms()) {
            b = b.param("rooms", "" + room);
        }
        for (String w : who) {
            b = b.param("who", w);
        }
        return b;
    }

    /** Creates the round with the staff form (redirect expected) and answers its id. */
    long round(String name, LocalDate month, LotteryFixtures.Place place, String... who) throws Exception {
        mvc.perform(roundForm(name, month, place, who)).andExpect(status().is3xxRedirection());
        return jdbc.sql("select id from reservation_lottery_round where name_ja = ?").param(name).query(Long.class).single();
    }

    MockHttpServletRequestBuilder apply(long round, TestResidents.Resident who, boolean asGroup, long room, LocalDate day, String slot) {
        var b = post("/account/lottery/rounds/" + round + "/applications").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("room1", "" + room).param("date1", day.toString()).param("slot1", slot);
        return asGroup ? b.param("as", "group") : b;
    }

    long applications(long round) {
        return LotteryFixtures.applications(jdbc, round);
    }

    @Test
    void aRepresentativeAppliesForTheGroupWinsAndConfirmsAndRoundsSayWhoMayApply() throws Exception {
        var place = LotteryFixtures.facility(jdbc, 2);
        long room1 = place.rooms().get(0);
        long room2 = place.rooms().get(1);
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        LocalDate d1 = LotteryFixtures.weekday(month, 3);
        String name = "団体抽選 " + place.facilityId();

        // staff: a round nobody may apply in is refused with the reason; individuals (in the ward only) and groups
        String none = body(mvc.perform(roundForm(name, month, place)).andExpect(status().isUnprocessableEntity()));
        assertThat(none).contains("申し込める人を選んでください");
        long round = round(name, month, place, "individuals", "groups");
        LotteryRound r = lottery.round(round).orElseThrow();
        assertThat(r.who()).isEqualTo(new LotteryRound.Who(true, true, false));
        assertThat(body(mvc.perform(get("/reservations/lottery/rounds/" + round)).andExpect(status().isOk())))
            .contains("個人").contains("団体（代表者が申込み）").contains("区内在住・在勤・在学の方のみ");
        assertThat(body(mvc.perform(get("/api/v1/lottery/rounds/" + round)).andExpect(status().isOk())))
            .contains("\"whoMayApply\":{").contains("\"nonResidents\":false");

        var rep = TestResidents.create(jdbc, "RESIDENT");
        long group = TestGroups.approved(mvc, jdbc, groups, rep);
        String groupName = "テスト団体" + rep.id();

        // the representative's own page offers the group's; the group's page says what applying for a group means
        String own = body(mvc.perform(get("/account/lottery/rounds/" + round).with(jp.machi.support.SignedIn.resident(rep.id())))
            .andExpect(status().isOk()));
        assertThat(own).contains("/account/lottery/rounds/" + round + "?as=group").contains(groupName);
        String ours = body(mvc.perform(get("/account/lottery/rounds/" + round).param("as", "group")
            .with(jp.machi.support.SignedIn.resident(rep.id()))).andExpect(status().isOk()));
        assertThat(ours).contains("団体「" + groupName + "」としての申込み").contains("name=\"as\" value=\"group\"")
            .contains("団体の受付記号").contains("団体の申込み（0件／上限2件）");

        // a room closed to groups: refused for the group, with the row named; nothing written
        eligibility.set(place.facilityId(), room2, true, false, true);
        String closed = body(mvc.perform(apply(round, rep, true, room2, d1, "am")).andExpect(status().isUnprocessableEntity()));
        assertThat(closed).contains("第1希望：この室場は団体では利用できません。");
        assertThat(applications(round)).isZero();

        // the group applies; the representative also applies for themselves: two applicants, two references
        mvc.perform(apply(round, rep, true, room1, d1, "am")).andExpect(status().is3xxRedirection());
        mvc.perform(apply(round, rep, false, room1, d1, "pm")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("""
                select applicant_kind || ':' || applicant_id from reservation_lottery_application where round_id = ? order by id""")
            .param(round).query(String.class).list()).containsExactly("GROUP:" + group, "PERSON:" + rep.id());
        String groupRef = lottery.ours(rep.id(), r).orElseThrow().reference();
        String ownRef = lottery.mine(rep.id(), r).reference();
        assertThat(groupRef).isNotNull().isNotEqualTo(ownRef);
        assertThat(body(mvc.perform(get("/account/lottery").with(jp.machi.support.SignedIn.resident(rep.id())))
            .andExpect(status().isOk()))).contains("（団体「" + groupName + "」）");

        // a member who does not represent a group, and a non-resident in an in-ward round: 422, nothing written
        var member = TestResidents.create(jdbc, "RESIDENT");
        assertThat(body(mvc.perform(apply(round, member, true, room1, d1, "night")).andExpect(status().isUnprocessableEntity())))
            .contains("団体として申し込めるのは、登録された団体の代表者だけです。");
        var outsider = TestResidents.create(jdbc, "NON_RESIDENT");
        assertThat(body(mvc.perform(apply(round, outsider, false, room1, d1, "night").param("lang", "en"))
            .andExpect(status().isUnprocessableEntity())))
            .contains("Only people who live, work or study in the ward can apply in this round.");
        assertThat(mvc.perform(get("/account/lottery/rounds/" + round).param("as", "group")
            .with(jp.machi.support.SignedIn.resident(member.id()))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(applications(round)).isEqualTo(2);

        // draw: the group's card wins (alone for its slot) and becomes the group's provisional booking
        assertThat(lottery.commit(round, r.closesAt())).isTrue();
        assertThat(lottery.round(round).orElseThrow().seedSha256()).isNotNull();
        assertThat(lottery.draw(round, r.drawAt())).isTrue();
        var drawn = lottery.round(round).orElseThrow();
        var results = LotteryFormat.results(lottery.publishedResults(round).orElseThrow());
        assertThat(results).filteredOn(x -> x.reference().equals(groupRef)).singleElement().satisfies(x -> assertThat(x.won()).isTrue());
        var app = lottery.ours(rep.id(), drawn).orElseThrow().applications().get(0);
        assertThat(app.bookingId()).isNotNull();
        assertThat(jdbc.sql("select status || ':' || group_id || ':' || booker_account_id from reservation_booking where id = ?")
            .param(app.bookingId()).query(String.class).single()).isEqualTo("PROVISIONAL:" + group + ":" + rep.id());

        // the result mail goes to the representative, naming the group
        while (lottery.sendResults(100, Instant.now()) > 0) {
            // every batch
        }
        String address = jdbc.sql("select email from account where id = ?").param(rep.id()).query(String.class).single();
        TestMailbox.awaitMailContaining(address, Duration.ofSeconds(30), groupName, groupRef);

        // the representative confirms the group's win; a stranger cannot
        mvc.perform(post("/account/lottery/applications/" + app.id() + "/confirm").with(jp.machi.support.SignedIn.resident(member.id())))
            .andExpect(status().isNotFound());
        mvc.perform(post("/account/lottery/applications/" + app.id() + "/confirm").with(jp.machi.support.SignedIn.resident(rep.id())))
            .andExpect(status().is3xxRedirection())
            .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("?as=group"));
        assertThat(lottery.bookingStatus(app.bookingId())).contains("CONFIRMED");
        assertThat(groups.bookingsOf(group)).extracting(b -> b.id()).contains(app.bookingId());
    }

    @Test
    void aGroupsOnlyRoundRefusesIndividualsAndAnIndividualsOnlyRoundRefusesGroups() throws Exception {
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        LocalDate d1 = LotteryFixtures.weekday(month, 5);
        var groupsPlace = LotteryFixtures.facility(jdbc, 1);
        var peoplePlace = LotteryFixtures.facility(jdbc, 1);
        long g = round("団体のみ " + groupsPlace.facilityId(), month, groupsPlace, "groups");
        long p = round("個人のみ " + peoplePlace.facilityId(), month, peoplePlace, "individuals", "nonResidents");
        var rep = TestResidents.create(jdbc, "RESIDENT");
        TestGroups.approved(mvc, jdbc, groups, rep);

        assertThat(body(mvc.perform(apply(g, rep, false, groupsPlace.rooms().get(0), d1, "am")).andExpect(status().isUnprocessableEntity())))
            .contains("この抽選には個人として申し込めません（団体のみ）");
        mvc.perform(apply(g, rep, true, groupsPlace.rooms().get(0), d1, "am")).andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(apply(p, rep, true, peoplePlace.rooms().get(0), d1, "am").param("lang", "en"))
            .andExpect(status().isUnprocessableEntity()))).contains("Groups cannot apply in this round (individuals only).");
        var outsider = TestResidents.create(jdbc, "NON_RESIDENT");
        mvc.perform(apply(p, outsider, false, peoplePlace.rooms().get(0), d1, "am")).andExpect(status().is3xxRedirection());
        assertThat(applications(g)).isEqualTo(1);
        assertThat(applications(p)).isEqualTo(1);
    }

    /** The cap of lottery entries is per month of use: applications in two rounds of the same month count together. */
    @Test
    void theCapOfEntriesCountsEveryRoundOfTheSameMonth() throws Exception {
        LocalDate month = LotteryFixtures.targetMonth(reservations.today());
        LocalDate d1 = LotteryFixtures.weekday(month, 7);
        var first = LotteryFixtures.facility(jdbc, 1);
        var second = LotteryFixtures.facility(jdbc, 1);
        long a = round("上限A " + first.facilityId(), month, first, "individuals", "groups", "nonResidents");
        long b = round("上限B " + second.facilityId(), month, second, "individuals", "groups", "nonResidents");
        var person = TestResidents.create(jdbc, "RESIDENT");
        mvc.perform(apply(a, person, false, first.rooms().get(0), d1, "am")).andExpect(status().is3xxRedirection());
        mvc.perform(apply(a, person, false, first.rooms().get(0), d1, "pm")).andExpect(status().is3xxRedirection());
        assertThat(body(mvc.perform(apply(b, person, false, second.rooms().get(0), d1, "am"))
            .andExpect(status().isUnprocessableEntity()))).contains("この利用月の抽選に申し込める件数の上限に達しています");
        assertThat(applications(b)).isZero();
    }
}
