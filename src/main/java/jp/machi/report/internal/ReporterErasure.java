package jp.machi.report.internal;

import jp.machi.identity.ResidentDeleted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a resident deletes their account, their reports stay (the problem on the street is still real and the
 * ward's answer is public), but nothing in them points to the person any more: no account, no address, no name,
 * and they stop following other reports.
 */
@Component
class ReporterErasure {

    private final JdbcClient jdbc;

    ReporterErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // In the deleting transaction: the account is never gone while its reports still name the person.
    @EventListener
    void on(ResidentDeleted event) {
        jdbc.sql("""
                update report set reporter_account_id = null, reporter_email = null, reporter_name = null,
                       reporter_name_public = false where reporter_account_id = ?""")
            .param(event.accountId()).update();
        jdbc.sql("delete from report_follower where account_id = ?").param(event.accountId()).update();
    }
}
