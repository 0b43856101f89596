package jp.machi.reservation.groups;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import jp.machi.reservation.Refused;
import jp.machi.reservation.TestGroups;
import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.support.StaffLogin;
import jp.machi.support.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import static jp.machi.support.StaffLogin.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Groups and blocks: the services and the test data they share. */
public abstract class GroupsFixture {

    @Autowired protected WebApplicationContext context;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected BookableRooms service;
    @Autowired protected Bookings bookings;
    @Autowired protected Bookers bookers;
    @Autowired protected GroupService groups;
    protected MockMvc mvc;

    @BeforeEach
    protected void setUp() {
        mvc = StaffLogin.mockMvc(context);
    }


    String email(long id) {
        return jdbc.sql("select email from account where id = ?").param(id).query(String.class).single();
    }

    RequestPostProcessor as(long id) {
        return StaffLogin.as(jdbc, email(id), "RESIDENT");
    }

    /** A fresh resident whose e-mail address is in the test mailbox. */
    TestResidents.Resident resident(String residency) {
        return TestResidents.create(jdbc, residency);
    }

    MockHttpServletRequestBuilder groupForm(String name, String kana, String activity, String... members) {
        return TestGroups.form(name, kana, activity, members);
    }

    long approvedGroup(TestResidents.Resident rep) throws Exception {
        return TestGroups.approved(mvc, jdbc, groups, rep);
    }
}
