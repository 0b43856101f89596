package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static jp.machi.support.StaffLogin.body;
import static jp.machi.support.StaffLogin.admin;
import static jp.machi.support.StaffLogin.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.Payments;
import jp.machi.reservation.booking.internal.Reminders;
import jp.machi.reservation.booking.internal.CalendarFeed;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.money.Reductions;
import jp.machi.reservation.rules.RoomRules;
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
import org.springframework.web.context.WebApplicationContext;

/**
 * The checkout of a held slot: the fee of the rate class (commercial use), a reduction asked for and decided by staff,
 * a hold that lapses and frees its slot, and the same through the API — on a room of this test's own with a rule of
 * its own (¥1,000 / ¥2,000 / commercial ¥5,000; 100 % until 7 days, 50 % until 3; pay within 10 days and 5 days
 * before; late = fewer than 3 days before, 2 points; no-show 3 points; 5 points = 20 days suspended).
 */
@MachiTest
class CheckoutTest extends MoneyRoomFixture {

    @Test
    void aResidentHoldsASlotSeesTheCommercialFeeAsksForAReductionAndStaffApproveIt() throws Exception {
        TestMailbox.start();
        var who = TestResidents.create(jdbc, "RESIDENT");
        String bearer = "Bearer " + who.token();
        Availability slot = open(30);
        String key = UUID.randomUUID().toString();
        var form = post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id())).param("room", "" + roomId)
            .param("date", slot.date().toString()).param("slot", slot.slot().code()).param("key", key).param("commercial", "true");
        assertThat(body(mvc.perform(get("/account/bookings/new").with(jp.machi.support.SignedIn.resident(who.id())).param("room", "" + roomId)
            .param("date", slot.date().toString()).param("slot", slot.slot().code())).andExpect(status().isOk())))
            .contains("営利目的（物品販売").contains("5,000円").contains("仮押さえして使用料を確認する");
        String checkout = mvc.perform(form).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(checkout).matches("/account/bookings/\\d+/checkout");
        long id = Long.parseLong(checkout.replaceAll("\\D+(\\d+).*", "$1"));
        // held, not booked: PROVISIONAL for about ten minutes at the commercial fee of the room's rule
        assertThat(column(id, "status")).isEqualTo("PROVISIONAL");
        Instant expires = Instant.parse(jdbc.sql("select hold_expires_at from reservation_booking where id = ?").param(id)
            .query(java.sql.Timestamp.class).single().toInstant().toString());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(column(id, "fee")).isEqualTo("5000");
        assertThat(column(id, "fee_rule")).isEqualTo("commercial/room");
        // a double click gives the same hold; somebody else cannot take the held slot
        assertThat(mvc.perform(form).andReturn().getResponse().getRedirectedUrl()).isEqualTo(checkout);
        var other = TestResidents.create(jdbc, "RESIDENT");
        mvc.perform(post("/account/bookings/new").with(jp.machi.support.SignedIn.resident(other.id())).param("room", "" + roomId)
            .param("date", slot.date().toString()).param("slot", slot.slot().code())
            .param("key", UUID.randomUUID().toString()).param("commercial", "false")).andExpect(status().isConflict());
        String page = body(mvc.perform(get(checkout).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk()));
        assertThat(page).contains("使用料の確認").contains("5,000円").contains("営利目的の料金").contains("室場の規則")
            .contains("予約を確定してから 30 分以内の取消し: 全額還付、ペナルティなし")
            .contains(jp.machi.shared.time.Wareki.format(slot.date().minusDays(7)) + "（").contains("までの取消し: 100% 還付")
            .contains("までの取消し: 50% 還付").contains("の窓口が開いている時間です")
            .contains("お支払い期限").contains("町会・自治会（50%減額）").contains("仮押さえしています");
        assertThat(body(mvc.perform(get(checkout).param("lang", "en").with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("Check the fee").contains("Commercial rate").contains("held for you");
        // an unknown reduction category: 400 with the message, still held
        assertThat(body(mvc.perform(post("/account/bookings/" + id + "/confirm").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("reduction", "no-such-category")).andExpect(status().isBadRequest()))).contains("減免区分を一覧から選んでください");
        assertThat(column(id, "status")).isEqualTo("PROVISIONAL");
        // somebody else's booking is not there
        mvc.perform(post("/account/bookings/" + id + "/confirm").with(jp.machi.support.SignedIn.resident(other.id())))
            .andExpect(status().isNotFound());
        mvc.perform(get(checkout).with(jp.machi.support.SignedIn.resident(other.id()))).andExpect(status().isNotFound());
        String done = mvc.perform(post("/account/bookings/" + id + "/confirm").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("reduction", "neighbourhood")).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(done).isEqualTo("/account/bookings/" + id + "?booked");
        assertThat(column(id, "status")).isEqualTo("CONFIRMED");
        assertThat(column(id, "reduction_state")).isEqualTo("REQUESTED");
        String mail = mailWith(email(who), "予約が確定しました");
        assertThat(mail).contains("5,000円").contains("お支払い期限").contains("減免を申請しました");
        assertThat(body(mvc.perform(get(done).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("予約が確定しました").contains("減免: 町会・自治会（50%）— 審査中");
        // staff see the request and approve it: the fee halves, the booker is told
        assertThat(body(mvc.perform(get("/staff/reservations/reductions").with(admin(jdbc))).andExpect(status().isOk())))
            .contains("/staff/reservations/bookings/" + id);
        assertThat(body(mvc.perform(get("/staff/reservations/bookings/" + id).with(admin(jdbc))).andExpect(status().isOk())))
            .contains("減免を承認する").contains("2,500円");
        mvc.perform(post("/staff/reservations/bookings/" + id + "/reduction").param("decision", "maybe").with(csrf())
            .with(admin(jdbc))).andExpect(status().isBadRequest());
        mvc.perform(post("/staff/reservations/bookings/" + id + "/reduction").param("decision", "approve").with(csrf())
            .with(admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(column(id, "fee")).isEqualTo("2500");
        assertThat(column(id, "base_fee")).isEqualTo("5000");
        assertThat(mailWith(email(who), "減免が承認されました")).contains("2,500円").contains("町会・自治会");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.reduction.approve' and subject = ?")
            .param("booking:" + id).query(Long.class).single()).isEqualTo(1L);
        // deciding twice changes nothing
        mvc.perform(post("/staff/reservations/bookings/" + id + "/reduction").param("decision", "reject").with(csrf())
            .with(admin(jdbc))).andExpect(status().is3xxRedirection());
        assertThat(column(id, "reduction_state")).isEqualTo("APPROVED");
        assertThat(body(mvc.perform(get("/account/bookings/" + id).with(jp.machi.support.SignedIn.resident(who.id()))).andExpect(status().isOk())))
            .contains("2,500円").contains("（減免前 5,000円）").contains("承認済");
    }

    @Test
    void anAbandonedHoldExpiresAndFreesTheSlot() throws Exception {
        var who = TestResidents.create(jdbc, "NON_RESIDENT");
        Availability slot = open(40);
        var held = checkout.hold(who.id(), null, roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false);
        long id = held.booking().id();
        assertThat(held.booking().status()).isEqualTo(Booking.Status.PROVISIONAL);
        assertThat(held.booking().fee()).isEqualTo(2000);
        jdbc.sql("update reservation_booking set hold_expires_at = now() - interval '1 second' where id = ?").param(id).update();
        assertThat(cancellations.expireHolds(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(column(id, "status")).isEqualTo("CANCELLED");
        assertThat(service.availability(room(), slot.date(), slot.date()).stream()
            .filter(a -> a.slot().code().equals(slot.slot().code())).findFirst().orElseThrow().status())
            .isEqualTo(Availability.Status.OPEN);
        assertThat(body(mvc.perform(post("/account/bookings/" + id + "/confirm").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("reduction", "")).andExpect(status().isConflict()))).contains("仮押さえの時間が過ぎた");
        // a hold whose time ran out but the job has not run yet cannot be confirmed either
        var again = checkout.hold(who.id(), null, roomId, slot.date(), slot.slot().code(), null, UUID.randomUUID().toString(), false);
        jdbc.sql("update reservation_booking set hold_expires_at = now() - interval '1 second' where id = ?")
            .param(again.booking().id()).update();
        mvc.perform(post("/account/bookings/" + again.booking().id() + "/confirm").with(jp.machi.support.SignedIn.resident(who.id()))
            .param("reduction", "")).andExpect(status().isConflict());
        assertThat(column(again.booking().id(), "status")).isEqualTo("PROVISIONAL");
    }

    @Test
    void theApiTakesCommercialUseAndAReductionAndRefusesNonsense() throws Exception {
        var who = TestResidents.create(jdbc, "RESIDENT");
        Availability slot = open(50);
        String body = "{\"roomId\":" + roomId + ",\"date\":\"" + slot.date() + "\",\"slot\":\"" + slot.slot().code() + "\"";
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + who.token())
            .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
            .content(body + ",\"commercial\":\"yes\"}")).andExpect(status().isBadRequest()))).contains("\"parameter\":\"commercial\"");
        assertThat(body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + who.token())
            .header("Idempotency-Key", UUID.randomUUID().toString()).contentType("application/json")
            .content(body + ",\"reduction\":\"nope\"}")).andExpect(status().isBadRequest()))).contains("\"parameter\":\"reduction\"");
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id = ?").param(who.id())
            .query(Long.class).single()).isZero();
        String created = body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + who.token())
            .header("Accept-Language", "en").header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType("application/json").content(body + ",\"commercial\":true,\"reduction\":\"school\"}"))
            .andExpect(status().isCreated()));
        assertThat(created).contains("\"status\":\"CONFIRMED\"").contains("\"fee\":5000").contains("Commercial rate")
            .contains("\"commercial\":true").contains("\"state\":\"requested\"").contains("\"paymentDeadline\"")
            .contains("\"refundTiers\":[{");
        // booked and confirmed in one go: one mail, the confirmation with the fee, the deadline and the reduction asked
        // for, to the token's holder in their language (the account's, not the request's)
        var mails = jdbc.sql("""
                select template, language, body from mail_outbox where template like 'reservation/%'
                and recipient = (select email from account where id = ?)""").param(who.id())
            .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)).list();
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst()).startsWith("reservation/booking/confirmed|ja|予約 テスト 様").contains("使用料: 5,000円")
            .contains("お支払い期限: ").contains("減免を申請しました");
        assertThat(body(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()))).contains("Cancel one of my bookings");
    }

    @Test
    void nothingThatCostsOrSavesMoneyIsChosenBeforehandAndAMissingChoiceIsA400WithNothingStored() throws Exception {
        var who = TestResidents.create(jdbc, "RESIDENT");
        var signedIn = jp.machi.support.SignedIn.resident(who.id());
        Availability slot = open(35);
        String check = body(mvc.perform(get("/account/bookings/new").with(signedIn).param("room", "" + roomId)
            .param("date", slot.date().toString()).param("slot", slot.slot().code())).andExpect(status().isOk()));
        // the purpose of use decides the fee: two choices, neither chosen
        assertThat(check).contains("name=\"commercial\" value=\"false\"").contains("name=\"commercial\" value=\"true\"")
            .doesNotContain("checked");
        // the terms are shown before booking: the payment deadline at the counter, the free cancellation, the steps
        assertThat(check).contains("お支払い期限").contains("お金テスト会館 の窓口が開いている時間です")
            .contains("予約を確定してから 30 分以内の取消し").contains("までの取消し: 50% 還付");
        // no purpose chosen: 400 with the message in the person's language, nothing held
        for (String lang : new String[] {"ja", "en"}) {
            String page = body(mvc.perform(post("/account/bookings/new").with(signedIn).param("lang", lang)
                .param("room", "" + roomId).param("date", slot.date().toString()).param("slot", slot.slot().code())
                .param("key", UUID.randomUUID().toString())).andExpect(status().isBadRequest()));
            assertThat(page).contains(lang.equals("ja") ? "利用の目的を選んでください" : "Choose the purpose of use")
                .contains("error-summary").contains("href=\"#commercial-no\"");
        }
        mvc.perform(post("/account/bookings/new").with(signedIn).param("room", "" + roomId).param("date", slot.date().toString())
            .param("slot", slot.slot().code()).param("key", UUID.randomUUID().toString()).param("commercial", "maybe"))
            .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id = ?").param(who.id())
            .query(Long.class).single()).isZero();
        // held: the reduction is a choice of 「申請しない」 or a category, none chosen (no pre-selected 100 % reduction)
        String checkout = mvc.perform(post("/account/bookings/new").with(signedIn).param("room", "" + roomId)
                .param("date", slot.date().toString()).param("slot", slot.slot().code())
                .param("key", UUID.randomUUID().toString()).param("commercial", "false"))
            .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(checkout.replaceAll("\\D+(\\d+).*", "$1"));
        String page = body(mvc.perform(get(checkout).with(signedIn)).andExpect(status().isOk()));
        assertThat(page).contains("申請しない").contains("type=\"radio\" id=\"reduction-none\" name=\"reduction\" value=\"\"")
            .contains("障害者団体（100%減額）").doesNotContain("checked").doesNotContain("selected");
        assertThat(page.indexOf("申請しない")).isLessThan(page.indexOf("障害者団体（100%減額）"));
        // confirming without choosing: 400, the message in ja and en, still only held, no reduction asked for
        for (String lang : new String[] {"ja", "en"}) {
            String refused = body(mvc.perform(post("/account/bookings/" + id + "/confirm").with(signedIn).param("lang", lang))
                .andExpect(status().isBadRequest()));
            assertThat(refused).contains(lang.equals("ja") ? "減免を申請するかどうかを選んでください"
                : "Choose whether to ask for a fee reduction").contains("href=\"#reduction-none\"");
        }
        assertThat(column(id, "status")).isEqualTo("PROVISIONAL");
        assertThat(column(id, "reduction_code")).isNull();
        // 「申請しない」 chosen: confirmed without a reduction
        mvc.perform(post("/account/bookings/" + id + "/confirm").with(signedIn).param("reduction", ""))
            .andExpect(status().is3xxRedirection());
        assertThat(column(id, "status")).isEqualTo("CONFIRMED");
        assertThat(column(id, "reduction_code")).isNull();
        // asking later on the booking's page: a choice of categories, none chosen; nothing chosen is a 400
        String detail = body(mvc.perform(get("/account/bookings/" + id).with(signedIn)).andExpect(status().isOk()));
        assertThat(detail).contains("name=\"reduction\"").doesNotContain("checked").doesNotContain("selected");
        assertThat(body(mvc.perform(post("/account/bookings/" + id + "/reduction").with(signedIn))
            .andExpect(status().isBadRequest()))).contains("減免区分を一覧から選んでください");
        assertThat(column(id, "reduction_code")).isNull();
    }
}
