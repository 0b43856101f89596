package jp.machi.report.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.image.GeoPoint;
import jp.machi.ward.DistrictCentres;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report module as Open311 GeoReport v2 sees it — the backend behind the protocol's endpoints
 * ({@code report.api.open311}), as FixMyStreet's Open311::Endpoint separates protocol and backend: services are the
 * active categories, service requests are published reports, a POST is a new report from a partner (stored and
 * audited in one transaction). The endpoints only read parameters and write documents.
 */
@Service
public class Open311Adapter {

    public static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    /** The most requests one answer lists. */
    public static final int MAX_REQUESTS = 1000;
    /** The longest period one request list covers (the specification suggests 90 days). */
    public static final Duration WINDOW = Duration.ofDays(90);
    /** Ward offices close at 17:15; a due date is expected by then. */
    public static final LocalTime CLOSING = LocalTime.of(17, 15);

    /** What a request list shows beyond the report rows: photos, and with extensions the answers and public notes. */
    public record Details(Map<String, Category> categories, Map<Long, List<Open311Repository.Photo>> photos,
                          Map<Long, Map<String, List<String>>> answers, Map<Long, List<Open311Repository.Note>> notes) {}

    private final ReportService service;
    private final ReportReader reader;
    private final Open311Repository open311;
    private final Open311ApiKeys keys;
    private final DistrictCentres centres;
    private final WardProfile ward;
    private final AuditLog audit;

    Open311Adapter(ReportService service, ReportReader reader, Open311Repository open311, Open311ApiKeys keys,
                   DistrictCentres centres, WardProfile ward, AuditLog audit) {
        this.service = service;
        this.reader = reader;
        this.open311 = open311;
        this.keys = keys;
        this.centres = centres;
        this.ward = ward;
        this.audit = audit;
    }

    /** The services: categories residents may report in now. */
    public List<Category> services() {
        return reader.categories(true);
    }

    public Optional<Category> service(String code) {
        return reader.activeCategory(code);
    }

    /** Published reports matching the filter, newest first. */
    @Transactional(readOnly = true)
    public List<Report> requests(Open311Repository.Filter filter) {
        return open311.requests(filter);
    }

    public Optional<Report> request(long id) {
        return open311.requests(new Open311Repository.Filter(List.of(id), null, null, null, null, 1, 0)).stream().findFirst();
    }

    public Optional<Report> byToken(String token) {
        return token.matches("[0-9a-f]{32}") ? reader.byToken(token) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public Details details(List<Report> reports, boolean extensions) {
        List<Long> ids = reports.stream().map(Report::id).toList();
        return new Details(reader.categoryNames(), open311.photos(ids), extensions ? open311.answers(ids) : Map.of(),
            extensions ? open311.publicNotes(ids) : Map.of());
    }

    /** The partner an {@code api_key} belongs to, if it is active. */
    public Optional<String> partnerFor(String apiKey) {
        return keys.partnerFor(apiKey);
    }

    /** The centre of the ward's 町丁目 named in an address (the longest name that occurs in it). */
    public Optional<GeoPoint> place(String address) {
        String best = null;
        for (String d : ward.districts()) {
            if (address.contains(d) && (best == null || d.length() > best.length())) {
                best = d;
            }
        }
        return best == null ? Optional.empty() : centres.centre(best);
    }

    /** Stores a partner's report and its audit entry in one transaction; {@link ReportRejected} when it is not valid. */
    @Transactional
    public Report submit(String partner, NewReport report) {
        long id = service.submit(report, false);
        audit.record(AuditEvent.byCurrentActor("report.create.open311", null, "report:" + id,
            AuditDetail.of("report.audit.create.open311", partner)));
        return reader.report(id).orElseThrow();
    }
}
