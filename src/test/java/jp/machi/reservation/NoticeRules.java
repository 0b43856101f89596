package jp.machi.reservation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jp.machi.notification.NotificationType;
import jp.machi.support.StaffLogin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The staff's rule form for a notice type reservation declares, with its default wording, switched on or off. */
public final class NoticeRules {

    private NoticeRules() {}

    public static MockHttpServletRequestBuilder form(JdbcClient jdbc, NotificationType type, boolean on) {
        MockHttpServletRequestBuilder b = post("/staff/notifications/rules/" + type.code()).with(StaffLogin.staff(jdbc)).with(csrf())
            .param("subjectJa", type.subject().ja()).param("bodyJa", type.body().ja()).param("reasonJa", type.reason().ja())
            .param("subjectEn", type.subject().en()).param("bodyEn", type.body().en()).param("reasonEn", type.reason().en());
        return on ? b.param("enabled", "true") : b;
    }
}
