package jp.machi.inquiry.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.Facilities;
import jp.machi.identity.StaffScope;
import jp.machi.search.SiteSearch;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing FAQ: staff create, edit, publish (after review) and archive entries of their own departments; "make this
 * answer an FAQ" starts a draft from an inquiry. Every write is audited and reaches the site search after commit.
 */
@Service
public class FaqService {

    public static final int MAX_LINKS = 5;
    /** Review one year after publishing unless staff choose another date. */
    public static final int DEFAULT_REVIEW_MONTHS = 12;
    private static final Pattern PATH = Pattern.compile("^/(?!/)[A-Za-z0-9._~!$&'()*+,;=:@%/?\\-]{0,299}$");

    private final FaqRepository faqs;
    private final StaffScope scope;
    private final WardProfile ward;
    private final Facilities facilities;
    private final AuditLog audit;
    private final SiteSearch search;
    private final Clock clock;

    FaqService(FaqRepository faqs, StaffScope scope, WardProfile ward, Facilities facilities, AuditLog audit,
               SiteSearch search, Clock clock) {
        this.faqs = faqs;
        this.scope = scope;
        this.ward = ward;
        this.facilities = facilities;
        this.audit = audit;
        this.search = search;
        this.clock = clock;
    }

    /** The form as staff filled it in (strings as typed). */
    public record Form(String questionJa, String questionEn, String answerJa, String answerEn, String category,
                       String department, String visibility, String reviewOn, List<String> linkPaths,
                       List<String> linkLabelsJa, List<String> linkLabelsEn) {

        public static Form of(Faq f) {
            return new Form(f.questionJa(), f.questionEn(), f.answerJa(), f.answerEn(), f.category().slug(),
                f.departmentCode(), f.staffOnly() ? "staff" : "public", f.reviewOn() == null ? "" : f.reviewOn().toString(),
                f.links().stream().map(Faq.Link::path).toList(), f.links().stream().map(Faq.Link::labelJa).toList(),
                f.links().stream().map(Faq.Link::labelEn).toList());
        }
    }

    /** The checked content, or the problems. */
    public record Checked(FaqRepository.Content content, List<Problem> problems) {}

    public Checked check(Form f) {
        List<Problem> problems = new ArrayList<>();
        String qJa = text(f.questionJa(), "questionJa", 300, true, problems);
        String qEn = text(f.questionEn(), "questionEn", 300, false, problems);
        String aJa = text(f.answerJa(), "answerJa", 5000, true, problems);
        String aEn = text(f.answerEn(), "answerEn", 5000, false, problems);
        if (qEn.isEmpty() != aEn.isEmpty()) {
            problems.add(Problem.of(qEn.isEmpty() ? "questionEn" : "answerEn", "inquiry.faq.error.englishPair"));
        }
        Optional<FaqCategory> category = FaqCategory.bySlug(f.category() == null ? "" : f.category());
        if (category.isEmpty()) {
            problems.add(Problem.of("category", "inquiry.faq.error.category"));
        }
        String dept = f.department() == null ? "" : f.department().strip();
        if (ward.department(dept).isEmpty()) {
            problems.add(Problem.of("department", "inquiry.faq.error.department"));
        }
        boolean staffOnly = "staff".equals(f.visibility());
        if (!staffOnly && !"public".equals(f.visibility())) {
            problems.add(Problem.of("visibility", "inquiry.faq.error.visibility"));
        }
        LocalDate review = null;
        if (f.reviewOn() != null && !f.reviewOn().isBlank()) {
            try {
                review = LocalDate.parse(f.reviewOn().strip());
                if (review.isBefore(LocalDate.of(2000, 1, 1)) || review.isAfter(LocalDate.of(2099, 12, 31))) {
                    problems.add(Problem.of("reviewOn", "inquiry.faq.error.reviewOn"));
                }
            } catch (DateTimeParseException e) {
                problems.add(Problem.of("reviewOn", "inquiry.faq.error.reviewOn"));
            }
        }
        List<Faq.Link> links = new ArrayList<>();
        List<String> paths = f.linkPaths() == null ? List.of() : f.linkPaths();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i) == null ? "" : paths.get(i).strip();
            String labelJa = at(f.linkLabelsJa(), i);
            String labelEn = at(f.linkLabelsEn(), i);
            if (path.isEmpty() && labelJa.isEmpty() && labelEn.isEmpty()) {
                continue;
            }
            String field = "link" + i;
            if (!PATH.matcher(path).matches()) {
                problems.add(Problem.of(field, "inquiry.faq.error.linkPath"));
            } else if (path.startsWith("/facilities/") && facilities.find(path.substring("/facilities/".length())).isEmpty()) {
                problems.add(Problem.of(field, "inquiry.faq.error.linkFacility"));
            }
            if (labelJa.isEmpty() || labelJa.length() > 100 || labelEn.length() > 100) {
                problems.add(Problem.of(field, "inquiry.faq.error.linkLabel"));
            }
            links.add(new Faq.Link(path, labelJa, labelEn));
        }
        if (links.size() > MAX_LINKS) {
            problems.add(Problem.of("link0", "inquiry.faq.error.linkCount", MAX_LINKS));
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        return new Checked(new FaqRepository.Content(qJa, qEn, aJa, aEn, category.get(), dept, staffOnly, review, links),
            List.of());
    }

    private static String at(List<String> list, int i) {
        return list == null || i >= list.size() || list.get(i) == null ? "" : list.get(i).strip();
    }

    private static String text(String raw, String field, int max, boolean required, List<Problem> problems) {
        String t = Texts.clean(raw);
        if (required && t.isEmpty()) {
            problems.add(Problem.of(field, "inquiry.faq.error.required"));
        } else if (t.length() > max) {
            problems.add(Problem.of(field, "inquiry.faq.error.tooLong", max));
        }
        return t;
    }

    /** Refused: the staff member may not edit that department's FAQ. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.FORBIDDEN)
    public static final class NotYours extends RuntimeException {
        public NotYours() {
            super("not this staff member's department");
        }
    }

    public boolean mayEdit(long staffId, String departmentCode) {
        return scope.canSee(staffId, departmentCode);
    }

    @Transactional
    public long create(FaqRepository.Content c, long staffId) {
        if (!mayEdit(staffId, c.departmentCode())) {
            throw new NotYours();
        }
        FaqRepository.Content withReview = c.reviewOn() != null ? c : withReview(c, today().plusMonths(DEFAULT_REVIEW_MONTHS));
        long id = faqs.insert(withReview, Faq.Status.DRAFT, null, false, staffId);
        audit.record(AuditEvent.byCurrentActor("inquiry.faq.create", null, "faq:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(c.departmentCode()))));
        reindexAfterCommit();
        return id;
    }

    @Transactional
    public void update(long id, FaqRepository.Content c, long staffId) {
        Faq before = faqs.find(id).orElseThrow(NotFound::new);
        if (!mayEdit(staffId, before.departmentCode()) || !mayEdit(staffId, c.departmentCode())) {
            throw new NotYours();
        }
        faqs.update(id, c, staffId);
        audit.record(AuditEvent.byCurrentActor("inquiry.faq.update", null, "faq:" + id,
            before.departmentCode().equals(c.departmentCode())
                ? AuditDetail.of("inquiry.audit.department", AuditDetail.department(c.departmentCode()))
                : AuditDetail.of("inquiry.audit.department.change", AuditDetail.department(before.departmentCode()),
                    AuditDetail.department(c.departmentCode()))));
        reindexAfterCommit();
    }

    /** Publishing is the review: the reviewer confirms the entry holds no one's personal data. */
    @Transactional
    public void publish(long id, long staffId) {
        Faq f = faqs.find(id).orElseThrow(NotFound::new);
        if (!mayEdit(staffId, f.departmentCode())) {
            throw new NotYours();
        }
        if (f.reviewOn() == null || !f.reviewOn().isAfter(today())) {
            faqs.update(id, new FaqRepository.Content(f.questionJa(), f.questionEn(), f.answerJa(), f.answerEn(),
                f.category(), f.departmentCode(), f.staffOnly(), today().plusMonths(DEFAULT_REVIEW_MONTHS), f.links()), staffId);
        }
        faqs.setStatus(id, Faq.Status.PUBLISHED, staffId);
        audit.record(AuditEvent.byCurrentActor("inquiry.faq.publish", null, "faq:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(f.departmentCode()))));
        reindexAfterCommit();
    }

    @Transactional
    public void archive(long id, long staffId) {
        Faq f = faqs.find(id).orElseThrow(NotFound::new);
        if (!mayEdit(staffId, f.departmentCode())) {
            throw new NotYours();
        }
        faqs.setStatus(id, Faq.Status.ARCHIVED, staffId);
        audit.record(AuditEvent.byCurrentActor("inquiry.faq.archive", null, "faq:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(f.departmentCode()))));
        reindexAfterCommit();
    }

    /** "Make this answer an FAQ": a draft from the resident's question and the last reply, for review. */
    @Transactional
    public long draftFrom(long inquiryId, String departmentCode, String question, String answer, FaqCategory category,
                          long staffId) {
        if (!mayEdit(staffId, departmentCode)) {
            throw new NotYours();
        }
        String q = Texts.clean(question);
        String a = Texts.clean(answer);
        FaqRepository.Content c = new FaqRepository.Content(q.length() > 300 ? q.substring(0, 300) : q, "",
            a.isEmpty() ? "（回答を書いてください）" : a.length() > 5000 ? a.substring(0, 5000) : a, "", category,
            departmentCode, false, today().plusMonths(DEFAULT_REVIEW_MONTHS), List.of());
        long id = faqs.insert(c, Faq.Status.DRAFT, inquiryId, false, staffId);
        audit.record(AuditEvent.byCurrentActor("inquiry.faq.fromInquiry", null, "faq:" + id,
            AuditDetail.of("inquiry.audit.faq.fromInquiry", inquiryId)));
        return id;
    }

    private static FaqRepository.Content withReview(FaqRepository.Content c, LocalDate review) {
        return new FaqRepository.Content(c.questionJa(), c.questionEn(), c.answerJa(), c.answerEn(), c.category(),
            c.departmentCode(), c.staffOnly(), review, c.links());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    private void reindexAfterCommit() {
        AfterCommit.run(search::refresh);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    public static final class NotFound extends RuntimeException {
        public NotFound() {
            super("no such FAQ");
        }
    }
}
