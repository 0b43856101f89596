package jp.machi.report.internal;

import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.report.ReportStatus;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The まちレポ dataset in the open data catalog: every published report with its category, status and place, and
 * nothing about the person who reported it (the same fields as Open311). Read with a cursor, so a file of any number
 * of reports is written with constant memory.
 */
@Component
class ReportDataset implements DatasetSource {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final JdbcClient jdbc;
    private final WardProfile ward;
    private final TransactionTemplate readOnly;

    ReportDataset(JdbcClient jdbc, WardProfile ward, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ward = ward;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public List<PublishedDataset> datasets() {
        return List.of(new PublishedDataset("machi-reports", "machi_reports", null,
            new LocalizedText("まちレポ（地域の困りごとの通報）一覧", "Machi reports (local problems reported by residents)"),
            new LocalizedText("区民が通報した道路の損傷、街路灯の故障、不法投棄などの公開済みのレポートと、対応の状況。通報した人の名前やメールアドレスは含みません。",
                "Published reports of local problems (road damage, broken street lights, dumped rubbish ...) and how far "
                    + "they have been dealt with. Nothing about the person who reported them."),
            "kocho-koho", DataCategory.SAFETY_ENVIRONMENT, List.of("まちレポ", "通報", "道路"), UpdateFrequency.CONTINUOUS,
            List.of(Column.id("ID", "identifier", Identifier.REPORT_ID),
                Column.id("全国地方公共団体コード", "localGovernmentCode", Identifier.LOCAL_GOVERNMENT_CODE),
                Column.of("種別コード", "categoryCode"), Column.of("種別", "category"), Column.of("状態", "status"),
                Column.of("状態の説明", "statusReason"), Column.of("内容", "description"), Column.of("住所", "address"),
                Column.of("緯度", "latitude"), Column.of("経度", "longitude"), Column.of("担当課", "department"),
                Column.of("受付日時", "requestedAt"), Column.of("更新日時", "updatedAt"), Column.of("対応予定日", "expectedDate"),
                Column.of("完了日時", "resolvedAt")),
            "latitude", "longitude",
            () -> Long.toString(jdbc.sql("select rev from report_revision").query(Long.class).single()),
            (limit, sink) -> readOnly.executeWithoutResult(tx -> jdbc.sql("""
                    select r.id, r.category_code, c.name_ja, r.status, r.status_reason, r.description, r.address, r.lat,
                           r.lon, r.department_code, r.requested_at, r.updated_at, r.due_date, r.resolved_at
                    from report r join report_category c on c.code = r.category_code
                    where r.published order by r.id limit ?""")
                .param(limit).withFetchSize(1000)
                .query(rs -> {
                    List<String> row = new ArrayList<>(15);
                    row.add(Long.toString(rs.getLong(1)));
                    row.add(ward.code());
                    row.add(rs.getString(2));
                    row.add(rs.getString(3));
                    row.add(statusJa(ReportStatus.valueOf(rs.getString(4))));
                    row.add(rs.getString(5));
                    row.add(rs.getString(6));
                    row.add(rs.getString(7));
                    row.add(String.format(Locale.ROOT, "%.6f", rs.getDouble(8)));
                    row.add(String.format(Locale.ROOT, "%.6f", rs.getDouble(9)));
                    String dept = rs.getString(10);
                    row.add(ward.department(dept).map(d -> d.label(Locale.JAPANESE)).orElse(dept));
                    row.add(time(rs.getTimestamp(11)));
                    row.add(time(rs.getTimestamp(12)));
                    row.add(rs.getString(13));
                    row.add(time(rs.getTimestamp(14)));
                    sink.row(row);
                }))));
    }

    private static String time(Timestamp t) {
        return t == null ? "" : DATE_TIME.format(t.toInstant().atZone(MachiClock.ZONE));
    }

    private static String statusJa(ReportStatus s) {
        return switch (s) {
            case RECEIVED -> "受付";
            case IN_PROGRESS -> "対応中";
            case RESOLVED -> "対応済";
            case NOT_ACTIONABLE -> "対応不可";
            case FORWARDED -> "他機関へ回付";
        };
    }
}
