package jp.machi.reservation.lottery;

import jp.machi.identity.TestAccounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import jp.machi.reservation.LotteryFixtures;
import jp.machi.reservation.lottery.internal.LotteryService;
import jp.machi.support.MachiTest;
import jp.machi.support.StaffLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * Issue 16, item 3: a lottery round's commit and draw were accepted from staff of any department. Only staff who may
 * see every room's facility run them; others get 404, as for other departments' bookings.
 */
@MachiTest
class LotteryStaffScopeTest {

    @Autowired WebApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired LotteryService lottery;

    static JdbcClient shared;

    @AfterAll
    static void retire() {
        if (shared != null) {
            LotteryFixtures.retire(shared);
        }
    }

    RequestPostProcessor staffOf(String department) {
        String email = "lottery-scope-" + UUID.randomUUID() + "@example.jp";
        TestAccounts.staff(jdbc, email, "抽選 担当", department);
        return StaffLogin.as(jdbc, email, "STAFF");
    }

    @Test
    void onlyStaffOfTheRoundsDepartmentsCommitAndDraw() throws Exception {
        shared = jdbc;
        MockMvc mvc = StaffLogin.mockMvc(context);
        var place = LotteryFixtures.facility(jdbc, 1);
        long admin = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        long round = lottery.createRound(LotteryFixtures.openRound("部署の確認", LotteryFixtures.targetMonth(lottery.today()),
            place.rooms(), 1, 1), admin);

        // 広聴広報課 (the demo staff member) does not own the facility (情報政策課)
        for (String action : new String[] {"commit", "draw"}) {
            var other = mvc.perform(post("/staff/reservations/lottery/" + round + "/" + action).with(StaffLogin.staff(jdbc))
                .with(csrf())).andReturn().getResponse();
            assertThat(other.getStatus()).as(action + " by another department").isEqualTo(404);
        }
        assertThat(StaffLogin.body(mvc.perform(get("/staff/reservations/lottery/" + round).with(StaffLogin.staff(jdbc)))))
            .doesNotContain("/commit\"").doesNotContain("/draw\"");

        RequestPostProcessor owner = staffOf("joho-seisaku");
        for (String action : new String[] {"commit", "draw"}) {
            var own = mvc.perform(post("/staff/reservations/lottery/" + round + "/" + action).with(owner).with(csrf()))
                .andReturn().getResponse();
            assertThat(own.getStatus()).as(action + " by the owning department").isEqualTo(302);
            assertThat(own.getRedirectedUrl()).isEqualTo("/staff/reservations/lottery/" + round);
        }
    }
}
