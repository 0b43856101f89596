package jp.machi.report.internal;

import java.time.Instant;
import java.util.List;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reports a person sent (signed in, or anonymously with their address) and the reports they follow. On
 * deletion the reports stay — the problem on the street is still real and the ward's answer is public — but nothing
 * in them points to the person any more: no account, no address, no name; and they stop following reports.
 */
@Component
class ReporterPersonalData implements PersonalData {

    record SentReport(long id, String category, String description, String address, double lat, double lon,
                      String status, boolean nameShownPublicly, String reporterName, Instant requestedAt,
                      Instant updatedAt, boolean signedIn) {}

    record FollowedReport(long reportId, Instant since, String language) {}

    record Export(List<SentReport> sent, List<FollowedReport> following) {}

    private final JdbcClient jdbc;

    ReporterPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "report.reports";
    }

    @Override
    public Object export(DataSubject person) {
        List<String> emails = List.copyOf(person.emails());
        List<SentReport> sent = jdbc.sql("""
                select id, category_code, description, address, lat, lon, status, reporter_name_public, reporter_name,
                       requested_at, updated_at, reporter_account_id is not null as signed_in
                  from report
                 where reporter_account_id = :id
                    or (reporter_account_id is null and lower(reporter_email) in (:emails))
                 order by id""")
            .param("id", person.accountId()).param("emails", emails.isEmpty() ? List.of("") : emails)
            .query((rs, n) -> new SentReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDouble(5), rs.getDouble(6), rs.getString(7), rs.getBoolean(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(), rs.getBoolean(12)))
            .list();
        List<FollowedReport> following = jdbc.sql("""
                select report_id, created_at, language from report_follower
                 where account_id = :id or lower(email) in (:emails) order by report_id""")
            .param("id", person.accountId()).param("emails", emails.isEmpty() ? List.of("") : emails)
            .query((rs, n) -> new FollowedReport(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
            .list();
        return new Export(sent, following);
    }

    @Override
    public void erase(DataSubject person) {
        List<String> emails = List.copyOf(person.emails());
        jdbc.sql("""
                update report set reporter_account_id = null, reporter_email = null, reporter_name = null,
                       reporter_name_public = false
                 where reporter_account_id = :id or lower(reporter_email) in (:emails)""")
            .param("id", person.accountId()).param("emails", emails.isEmpty() ? List.of("") : emails).update();
        jdbc.sql("delete from report_follower where account_id = :id or lower(email) in (:emails)")
            .param("id", person.accountId()).param("emails", emails.isEmpty() ? List.of("") : emails).update();
    }
}
