package jp.machi.reservation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import jp.machi.reservation.groups.internal.GroupService;
import jp.machi.support.StaffLogin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Groups made the way residents and staff make them: the registration form, then a staff approval. */
public final class TestGroups {

    private TestGroups() {}

    /** The group registration form; each member is "name|e-mail|inWard". */
    public static MockHttpServletRequestBuilder form(String name, String kana, String activity, String... members) {
        var b = post("/account/group/new").with(csrf()).param("name", name).param("kana", kana).param("activity", activity);
        for (int i = 0; i < members.length; i++) {
            String[] parts = members[i].split("\\|", -1);
            b.param("members[" + i + "].name", parts[0]).param("members[" + i + "].email", parts[1])
                .param("members[" + i + "].inWard", parts[2]);
        }
        return b;
    }

    /** Registers a five-member group represented by {@code rep} and has a system admin approve it; returns its id. */
    public static long approved(MockMvc mvc, JdbcClient jdbc, GroupService groups, TestResidents.Resident rep) throws Exception {
        String email = jdbc.sql("select email from account where id = ?").param(rep.id()).query(String.class).single();
        mvc.perform(form("テスト団体" + rep.id(), "テストダンタイ", "合唱", "一|" + "m1-" + UUID.randomUUID() + "@example.com|true",
            "二||true", "三||false", "四||true").with(StaffLogin.as(jdbc, email, "RESIDENT"))).andExpect(status().is3xxRedirection());
        long id = groups.groupOf(rep.id()).orElseThrow().id();
        mvc.perform(post("/staff/reservations/groups/" + id + "/approve").with(csrf()).with(StaffLogin.admin(jdbc)))
            .andExpect(status().is3xxRedirection());
        return id;
    }
}
