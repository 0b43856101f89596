package jp.machi.reservation.groups;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.TestGroups;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.reservation.Refused;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/** Groups: registration, approval for a period, one group per person, booking for the group within its cap, and who may book. */
@MachiTest
class GroupsTest extends GroupsFixture {

    @Test
    void aResidentRegistersAGroupStaffApproveItAndItExpiresAfterTheSetPeriod() throws Exception {
        TestMailbox.start();
        var rep = resident("RESIDENT");
        // too few members, a bad address, no kana: 422, every problem listed, nothing written
        String bad = body(mvc.perform(groupForm("山の会", "", "登山", "一|not-an-address|true").with(as(rep.id())))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(bad).contains("フリガナ").contains("構成員1のメールアドレス").contains("aria-invalid=\"true\"");
        String few = body(mvc.perform(groupForm("山の会", "ヤマノカイ", "登山", "一||false", "二||false").with(as(rep.id())).param("lang", "en"))
            .andExpect(status().isUnprocessableEntity()));
        assertThat(few).contains("at least 5 members").contains("at least 50%");
        assertThat(groups.groupOf(rep.id())).isEmpty();

        String taken = "taken-" + UUID.randomUUID() + "@example.com";
        mvc.perform(groupForm("山の会", "ヤマノカイ", "登山", "一|" + taken + "|true", "二||true", "三||true", "四||false")
            .with(as(rep.id()))).andExpect(status().is3xxRedirection());
        var group = groups.groupOf(rep.id()).orElseThrow();
        assertThat(group.status().name()).isEqualTo("PENDING");
        assertThat(body(mvc.perform(get("/account/group").with(as(rep.id()))).andExpect(status().isOk())))
            .contains("山の会").contains("審査中");

        // a person is in one group only: the form says so, and so does the database
        var other = resident("RESIDENT");
        String refused = body(mvc.perform(groupForm("川の会", "カワノカイ", "釣り", "一|" + taken.toUpperCase() + "|true",
            "二||true", "三||true", "四||true").with(as(other.id()))).andExpect(status().isUnprocessableEntity()));
        assertThat(refused).contains("すでにほかの団体の構成員です");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into reservation_group_member (group_id, email, name, in_ward) values (?, ?, 'x', true)""")
            .params(group.id(), taken).update()).isInstanceOf(DataIntegrityViolationException.class);

        // staff: list, the group with its members (audited), approve; the representative is told
        assertThat(body(mvc.perform(get("/staff/reservations/groups").with(StaffLogin.admin(jdbc))).andExpect(status().isOk())))
            .contains("山の会");
        String page = body(mvc.perform(get("/staff/reservations/groups/" + group.id()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().isOk()));
        assertThat(page).contains(taken).contains("（代表者）");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.group.read' and subject = ?")
            .param("group:" + group.id()).query(Long.class).single()).isEqualTo(1);
        mvc.perform(post("/staff/reservations/groups/" + group.id() + "/reject").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("note", "")).andExpect(status().isUnprocessableEntity());
        mvc.perform(post("/staff/reservations/groups/" + group.id() + "/approve").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("note", "ようこそ")).andExpect(status().is3xxRedirection());
        var approved = groups.find(group.id()).orElseThrow();
        LocalDate today = service.today();
        assertThat(approved.validUntil()).isEqualTo(today.plusMonths(groups.settings().validityMonths()));
        assertThat(approved.validOn(today)).isTrue();
        assertThat(approved.validOn(approved.validUntil().plusDays(1))).isFalse();
        assertThat(approved.state(approved.validUntil().plusDays(1))).isEqualTo("expired");
        assertThat(TestMailbox.awaitMailsTo(email(rep.id()), 1, java.time.Duration.ofSeconds(20)).stream()
            .map(TestMailbox::text)).anyMatch(t -> t.contains("山の会") && t.contains("承認"));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'reservation.group.approve' and subject = ?")
            .param("group:" + group.id()).query(Long.class).single()).isEqualTo(1);

        // renewal: asked by the representative, approved from the end of the current period
        mvc.perform(post("/account/group/renew").with(csrf()).with(as(rep.id()))).andExpect(status().is3xxRedirection());
        assertThat(groups.find(group.id()).orElseThrow().renewalRequested()).isTrue();
        mvc.perform(post("/staff/reservations/groups/" + group.id() + "/approve").with(csrf()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        assertThat(groups.find(group.id()).orElseThrow().validUntil())
            .isEqualTo(approved.validUntil().plusMonths(groups.settings().validityMonths()));

        // settings: bad values are refused with a message
        mvc.perform(post("/staff/reservations/groups/settings").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("minMembers", "0").param("minInWardPercent", "101").param("validityMonths", "x").param("monthlyCap", ""))
            .andExpect(status().isUnprocessableEntity());
        // withdrawing frees the members
        mvc.perform(post("/account/group/withdraw").with(csrf()).with(as(rep.id()))).andExpect(status().is3xxRedirection());
        assertThat(groups.groupOf(rep.id())).isEmpty();
    }

    @Test
    void theRepresentativeBooksForTheGroupWithinTheGroupsCapAndWhoMayBookIsEnforced() throws Exception {
        var facility = TestRooms.create(jdbc, 2);
        var rep = resident("RESIDENT");
        long groupId = approvedGroup(rep);
        var room = service.room(facility.rooms()[0]).orElseThrow();
        LocalDate day = service.today().plusDays(40);

        var booked = groups.bookForGroup(rep.id(), null, room.room().id(), day, "am", UUID.randomUUID().toString());
        assertThat(jdbc.sql("select group_id from reservation_booking where id = ?").param(booked.booking().id())
            .query(Long.class).single()).isEqualTo(groupId);
        // the web form books for the group too
        mvc.perform(post("/account/group/bookings/new").with(csrf()).with(as(rep.id())).param("room", "" + room.room().id())
            .param("date", day.toString()).param("slot", "pm").param("key", UUID.randomUUID().toString()))
            .andExpect(status().is3xxRedirection());
        assertThat(groups.bookingsInMonth(groupId, day)).isEqualTo(2);

        // the group's monthly cap
        var before = groups.settings();
        try {
            groups.updateSettings(new jp.machi.reservation.groups.GroupSettings(before.minMembers(),
                before.minInWardPercent(), before.validityMonths(), 2));
            String refused = body(mvc.perform(post("/account/group/bookings/new").with(csrf()).with(as(rep.id()))
                .param("room", "" + room.room().id()).param("date", day.toString()).param("slot", "night")
                .param("key", UUID.randomUUID().toString())).andExpect(status().isConflict()));
            assertThat(refused).contains("団体のこの月の予約の上限");
        } finally {
            groups.updateSettings(before);
        }

        // groups only: an individual is refused (API: 409 with the code and a message)
        var individual = resident("RESIDENT");
        jdbc.sql("insert into reservation_eligibility (room_id, individuals, groups, non_residents) values (?, false, true, true)")
            .param(room.room().id()).update();
        String json = body(mvc.perform(post("/api/v1/bookings").header("Authorization", "Bearer " + individual.token())
            .header("Idempotency-Key", UUID.randomUUID().toString()).header("Accept-Language", "en")
            .contentType("application/json").content("{\"roomId\":" + room.room().id() + ",\"date\":\"" + day.plusDays(1)
                + "\",\"slot\":\"am\"}")).andExpect(status().isConflict()));
        assertThat(json).contains("individuals-not-allowed").contains("groups only");
        // the facility refuses non-residents and groups; the other room follows the facility's rule
        var outsider = resident("NON_RESIDENT");
        mvc.perform(post("/staff/reservations/eligibility").with(csrf()).with(StaffLogin.admin(jdbc))
            .param("facility", facility.id()).param("individuals", "on")).andExpect(status().is3xxRedirection());
        long second = facility.rooms()[1];
        assertThatThrownBy(() -> bookings.book(new BookingRequest(outsider.id(), null, second, day, "am", null, UUID.randomUUID().toString(), null, false, null)))
            .isInstanceOf(Refused.class).hasMessage("non-residents-not-allowed");
        assertThatThrownBy(() -> groups.bookForGroup(rep.id(), null, second, day, "am", UUID.randomUUID().toString()))
            .isInstanceOf(Refused.class).hasMessage("groups-not-allowed");
        assertThat(bookings.book(new BookingRequest(individual.id(), null, second, day, "am", null, UUID.randomUUID().toString(), null, false, null)).created()).isTrue();
        // not a representative: no group booking
        assertThatThrownBy(() -> groups.bookForGroup(individual.id(), null, second, day, "pm", UUID.randomUUID().toString()))
            .isInstanceOf(Refused.class).hasMessage("group-not-approved");
        // a staff member of another department cannot change the facility's rules
        mvc.perform(post("/staff/reservations/eligibility").with(csrf()).with(StaffLogin.staff(jdbc))
            .param("facility", facility.id()).param("groups", "on")).andExpect(status().isNotFound());
    }
}
