package jp.machi.report.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
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
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The まちレポ dataset in the open data catalog: every published report with its category, status and place, and
 * nothing about the person who reported it (the same fields as Open311). Read with a cursor, so a file of any number
 * of reports is written with constant memory. The CSV file (100,000 reports and more) is written by PostgreSQL itself
 * ({@code COPY ... TO STDOUT}, see {@link #copyCsv}) with the same cells, so that no cell is decoded and encoded in Java.
 */
@Component
class ReportDataset implements DatasetSource {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final WardProfile ward;
    private final TransactionTemplate readOnly;

    ReportDataset(JdbcClient jdbc, DataSource dataSource, WardProfile ward, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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
                    select r.id, r.category_code, c.name_ja, r.status, r.status_reason, r.description, r.address,
                           round(r.lat::numeric, 6)::text, round(r.lon::numeric, 6)::text, r.department_code, r.requested_at, r.updated_at, r.due_date, r.resolved_at
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
                    row.add(rs.getString(8));
                    row.add(rs.getString(9));
                    String dept = rs.getString(10);
                    row.add(ward.department(dept).map(d -> d.label(Locale.JAPANESE)).orElse(dept));
                    row.add(time(rs.getTimestamp(11)));
                    row.add(time(rs.getTimestamp(12)));
                    row.add(rs.getString(13));
                    row.add(time(rs.getTimestamp(14)));
                    sink.row(row);
                })),
            this::copyCsv));
    }

    /**
     * The cells of {@link #datasets()}'s rows as PostgreSQL writes them: the formula-injection rule of
     * {@link jp.machi.shared.csv.CsvWriter#cell} on every text cell, line breaks inside a cell as LF, empty as NULL
     * (written unquoted). Status words, department names and the ward code come in as settings of the transaction
     * (COPY takes no parameters); times in the ward's zone, as {@link #time}.
     */
    static final String COPY_CSV = """
        copy (
            with status(code, label) as (
                     select key, value from jsonb_each_text(current_setting('machi.report_od_status')::jsonb)),
                 dept(code, label) as (
                     select key, value from jsonb_each_text(current_setting('machi.report_od_departments')::jsonb))
            select r.id, %s, %s, %s, %s, %s, %s, %s,
                   round(r.lat::numeric, 6), round(r.lon::numeric, 6), %s,
                   to_char(r.requested_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                   to_char(r.updated_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'),
                   to_char(r.due_date, 'YYYY-MM-DD'),
                   to_char(r.resolved_at, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
            from report r join report_category c on c.code = r.category_code
                 left join status s on s.code = r.status
                 left join dept d on d.code = r.department_code
            where r.published order by r.id
        ) to stdout (format csv)""".formatted(cell("current_setting('machi.report_od_ward')"), cell("r.category_code"),
        cell("c.name_ja"), cell("s.label"), cell("r.status_reason"), cell("r.description"), cell("r.address"),
        cell("coalesce(d.label, r.department_code)"));

    /**
     * A text cell in SQL as {@link jp.machi.shared.csv.CsvWriter#cell} writes it: a leading {@code = + - @}, tab, CR or
     * single quote gets a single quote (a plain number such as {@code -3} does not), CRLF or CR becomes LF, and an
     * empty cell is NULL.
     */
    static String cell(String x) {
        return ("nullif(replace(replace(case when left(%1$s, 1) in ('=', '+', '-', '@', E'\\t', E'\\r', '''') "
            + "and %1$s !~ '^-?([0-9]+(\\.[0-9]+)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$' then '''' || %1$s else %1$s end, "
            + "E'\\r\\n', E'\\n'), E'\\r', E'\\n'), '')").formatted(x);
    }

    /** Writes every published report as CSV rows (LF line ends, no header) with PostgreSQL's COPY, streaming. */
    private void copyCsv(OutputStream out) throws IOException {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ReportStatus s : ReportStatus.values()) {
            statuses.put(s.name(), statusJa(s));
        }
        Map<String, String> departments = new LinkedHashMap<>();
        ward.departments().forEach(d -> departments.put(d.code(), d.label(Locale.JAPANESE)));
        try {
            readOnly.executeWithoutResult(tx -> {
                Connection con = DataSourceUtils.getConnection(dataSource);
                try {
                    try (PreparedStatement ps = con.prepareStatement("select set_config('timezone', ?, true), "
                        + "set_config('machi.report_od_ward', ?, true), set_config('machi.report_od_status', ?, true), "
                        + "set_config('machi.report_od_departments', ?, true)")) {
                        ps.setString(1, MachiClock.ZONE.getId());
                        ps.setString(2, ward.code());
                        ps.setString(3, JSON.writeValueAsString(statuses));
                        ps.setString(4, JSON.writeValueAsString(departments));
                        ps.execute();
                    }
                    con.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY_CSV, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw new IllegalStateException("the report CSV could not be written", e);
                } finally {
                    DataSourceUtils.releaseConnection(con, dataSource);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
