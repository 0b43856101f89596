package jp.machi.inquiry.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.machi.holiday.WorkingDays;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.identity.StaffScope;
import jp.machi.mail.Mailer;
import jp.machi.notification.PersonalNotice;
import jp.machi.notification.PersonalNotices;
import jp.machi.shared.time.MachiClock;
import jp.machi.ward.WardProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inquiry desk's rules: a resident (signed in, or with a reply address) or staff for them (phone, counter,
 * 代理入力) open an inquiry; staff of its department reply by mail, note, assign, transfer it to another department
 * in the same thread, close it. Every staff access to an inquiry's personal data is audited.
 */
@Service
public class InquiryService {

    public static final int MAX_TEXT = 4000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InquiryRepository inquiries;
    private final WorkingDays workingDays;
    private final WardProfile ward;
    private final StaffScope scope;
    private final Accounts accounts;
    private final Mailer mailer;
    private final PersonalNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final int targetDays;
    private final String baseUrl;

    InquiryService(InquiryRepository inquiries, WorkingDays workingDays, WardProfile ward,
                   StaffScope scope, Accounts accounts, Mailer mailer, PersonalNotices notices, AuditLog audit, Clock clock,
                   @Value("${machi.inquiry.target-working-days:3}") int targetDays,
                   jp.machi.shared.web.SiteUrl site) {
        this.inquiries = inquiries;
        this.workingDays = workingDays;
        this.ward = ward;
        this.scope = scope;
        this.accounts = accounts;
        this.mailer = mailer;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.targetDays = targetDays;
        this.baseUrl = site.base();
    }

    public int targetDays() {
        return targetDays;
    }

    /** A new inquiry as the desk or staff collected it; the strings as typed. */
    public record Draft(Inquiry.Channel channel, String text, String department, String proposedDepartment,
                        Long residentAccountId, String name, String email, String phone, String language,
                        List<Attachments.Checked> files, Long enteredBy) {}

    /** The result: the new inquiry and, for a resident without an account, the secret of their thread link. */
    public record Opened(long id, String token) {}

    public List<Problem> check(Draft d) {
        List<Problem> problems = new ArrayList<>();
        String text = Texts.clean(d.text());
        if (text.isEmpty()) {
            problems.add(Problem.of("text", "inquiry.desk.error.text"));
        } else if (text.length() > MAX_TEXT) {
            problems.add(Problem.of("text", "inquiry.desk.error.textLong", MAX_TEXT));
        }
        if (d.department() == null || ward.department(d.department()).isEmpty()) {
            problems.add(Problem.of("department", "inquiry.desk.error.department"));
        }
        String email = Texts.line(d.email());
        if (d.residentAccountId() == null) {
            boolean staffEntry = d.enteredBy() != null;
            if (email.isEmpty() && !staffEntry) {
                problems.add(Problem.of("email", "inquiry.desk.error.email"));
            } else if (!email.isEmpty() && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
                problems.add(Problem.of("email", "inquiry.desk.error.emailFormat"));
            }
            if (staffEntry && email.isEmpty() && Texts.line(d.phone()).isEmpty()) {
                problems.add(Problem.of("phone", "inquiry.proxy.error.contact"));
            }
        }
        if (Texts.line(d.name()).length() > 100) {
            problems.add(Problem.of("name", "inquiry.desk.error.nameLong"));
        }
        String phone = Texts.line(d.phone());
        if (!phone.isEmpty() && !phone.matches("[0-9０-９()\\-+ ]{6,30}")) {
            problems.add(Problem.of("phone", "inquiry.desk.error.phone"));
        }
        if (d.files() != null && d.files().size() > Attachments.MAX_FILES) {
            problems.add(Problem.of("file", "inquiry.attachment.tooMany", Attachments.MAX_FILES));
        }
        return problems;
    }

    @Transactional
    public Opened open(Draft d) {
        if (!check(d).isEmpty()) {
            throw new IllegalArgumentException("an unchecked inquiry");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, MachiClock.ZONE);
        String token = d.residentAccountId() == null && !Texts.line(d.email()).isEmpty() ? newToken() : null;
        String language = "en".equals(d.language()) ? "en" : "ja";
        String phone = Texts.line(d.phone());
        long id = inquiries.insert(new InquiryRepository.New(d.channel(), d.department(), d.proposedDepartment(),
            d.residentAccountId(), emptyToNull(Texts.line(d.name())), emptyToNull(Texts.line(d.email())),
            emptyToNull(phone), language, token == null ? null : hash(token), now, workingDays.add(today, targetDays),
            d.enteredBy(), false));
        long message = inquiries.addMessage(id, Inquiry.Message.Kind.RESIDENT, Texts.clean(d.text()), d.residentAccountId(),
            null, d.department(), now);
        for (Attachments.Checked f : d.files() == null ? List.<Attachments.Checked>of() : d.files()) {
            inquiries.addAttachment(id, message, f.filename(), f.contentType(), f.content());
        }
        if (d.enteredBy() != null) {
            audit.record(AuditEvent.byCurrentActor("inquiry.proxyEntry", d.residentAccountId(), "inquiry:" + id,
                AuditDetail.of("inquiry.audit.proxyEntry", AuditDetail.word(d.channel().messageKey()))));
        }
        Inquiry created = inquiries.find(id).orElseThrow();
        mailResident(created, "inquiry/received", Map.of(), token, "inquiry-received:" + id);
        return new Opened(id, token);
    }

    /** The resident writes again in their thread (from My Page or the mailed link). */
    @Transactional
    public void residentWrites(Inquiry inquiry, String text, List<Attachments.Checked> files) {
        String body = Texts.clean(text);
        Instant now = clock.instant();
        long message = inquiries.addMessage(inquiry.id(), Inquiry.Message.Kind.RESIDENT, body, inquiry.residentAccountId(),
            null, null, now);
        for (Attachments.Checked f : files) {
            inquiries.addAttachment(inquiry.id(), message, f.filename(), f.contentType(), f.content());
        }
        if (inquiry.status() != Inquiry.Status.OPEN) {
            inquiries.setStatus(inquiry.id(), Inquiry.Status.OPEN, now);
            inquiries.setDueOn(inquiry.id(), workingDays.add(LocalDate.ofInstant(now, MachiClock.ZONE), targetDays));
        }
    }

    // ---- staff ---------------------------------------------------------------------------------------------------

    /** Refused: the inquiry is not in one of the staff member's departments. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.FORBIDDEN)
    public static final class NotYours extends RuntimeException {
        public NotYours() {
            super("not this staff member's department");
        }
    }

    public boolean maySee(long staffId, Inquiry i) {
        return scope.canSee(staffId, i.departmentCode());
    }

    /** Staff open the thread: the access to the resident's data is recorded. */
    @Transactional
    public Inquiry openForStaff(long staffId, long id) {
        Inquiry i = inquiries.find(id).orElseThrow(NotFound::new);
        if (!maySee(staffId, i)) {
            throw new NotYours();
        }
        audit.record(AuditEvent.byCurrentActor("inquiry.read", i.residentAccountId(), "inquiry:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(i.departmentCode()))));
        return i;
    }

    @Transactional
    public void reply(long staffId, long id, String text, Locale staffLocale) {
        Inquiry i = mine(staffId, id);
        String body = Texts.clean(text);
        Instant now = clock.instant();
        inquiries.addMessage(id, Inquiry.Message.Kind.REPLY, body, staffId, i.departmentCode(), null, now);
        inquiries.setStatus(id, Inquiry.Status.ANSWERED, now);
        if (i.assigneeAccountId() == null) {
            inquiries.setAssignee(id, staffId);
        }
        learn(i, i.departmentCode());
        audit.record(AuditEvent.byCurrentActor("inquiry.reply", i.residentAccountId(), "inquiry:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(i.departmentCode()))));
        long replies = inquiries.messages(id).stream().filter(m -> m.kind() == Inquiry.Message.Kind.REPLY).count();
        if (i.residentAccountId() != null) {
            noticeReply(i, body, "inquiry:" + id + ":reply:" + replies);
        } else {
            mailResident(i, "inquiry/reply", Map.of("reply", body, "department", departmentLabel(i)), null,
                "inquiry-reply:" + id + ":" + replies);
        }
    }

    /**
     * A signed-in resident's reply is a personal notice: in their My Page inbox and, unless they chose My Page only,
     * by mail from the notification hub, with why it came and how to stop it. Queued in this transaction, so the reply
     * and its notice commit together. When staff switched the type off or the resident stopped it, the reply is only
     * in the thread on My Page.
     */
    private void noticeReply(Inquiry i, String body, String key) {
        accounts.find(i.residentAccountId()).ifPresent(a -> {
            Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
            Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("id", Long.toString(i.id()));
            values.put("department", departmentLabel(i, locale));
            values.put("reply", body);
            notices.send(PersonalNotice.toAccount(InquiryNotices.REPLY, key, a.id(), values,
                "/account/inquiries/" + i.id()));
        });
    }

    @Transactional
    public void note(long staffId, long id, String text) {
        Inquiry i = mine(staffId, id);
        inquiries.addMessage(id, Inquiry.Message.Kind.NOTE, Texts.clean(text), staffId, i.departmentCode(), null,
            clock.instant());
        audit.record(AuditEvent.byCurrentActor("inquiry.note", i.residentAccountId(), "inquiry:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(i.departmentCode()))));
    }

    /** Into another department's queue, in the same thread: the resident is not asked anything again. */
    @Transactional
    public void transfer(long staffId, long id, String toDepartment, String note) {
        Inquiry i = mine(staffId, id);
        if (ward.department(toDepartment).isEmpty() || toDepartment.equals(i.departmentCode())) {
            throw new IllegalArgumentException("not another department");
        }
        inquiries.addMessage(id, Inquiry.Message.Kind.TRANSFER, Texts.clean(note), staffId, i.departmentCode(), toDepartment,
            clock.instant());
        inquiries.setDepartment(id, toDepartment);
        learn(i, toDepartment);
        audit.record(AuditEvent.byCurrentActor("inquiry.transfer", i.residentAccountId(), "inquiry:" + id,
            AuditDetail.of("inquiry.audit.department.change", AuditDetail.department(i.departmentCode()),
                AuditDetail.department(toDepartment))));
    }

    /** The staff who may be given an inquiry of {@code departmentCode}: that division's staff, by name. */
    public List<jp.machi.identity.AccountSummary> colleagues(String departmentCode) {
        return accounts.staffOf(departmentCode);
    }

    /**
     * Gives the inquiry to {@code assigneeId} (a staff member of its division; the caller themselves included) or to
     * nobody ({@code null}). Returns false, changing nothing, when the assignee is not one of the division's staff.
     */
    @Transactional
    public boolean assign(long staffId, long id, Long assigneeId) {
        Inquiry i = mine(staffId, id);
        if (assigneeId != null && colleagues(i.departmentCode()).stream().noneMatch(a -> a.id() == assigneeId)) {
            return false;
        }
        inquiries.setAssignee(id, assigneeId);
        String line = assigneeId == null ? "released" : assigneeId == staffId ? "assigned" : "assigned:" + assigneeId;
        inquiries.addMessage(id, Inquiry.Message.Kind.ASSIGN, line, staffId, i.departmentCode(), null, clock.instant());
        audit.record(AuditEvent.byCurrentActor("inquiry.assign", i.residentAccountId(), "inquiry:" + id,
            assigneeId == null ? AuditDetail.of("inquiry.audit.assign.released")
                : assigneeId == staffId ? AuditDetail.of("inquiry.audit.assign.self")
                : AuditDetail.of("inquiry.audit.assign.staff", assigneeId)));
        return true;
    }

    @Transactional
    public void close(long staffId, long id) {
        Inquiry i = mine(staffId, id);
        Instant now = clock.instant();
        inquiries.addMessage(id, Inquiry.Message.Kind.CLOSE, "", staffId, i.departmentCode(), null, now);
        inquiries.setStatus(id, Inquiry.Status.CLOSED, now);
        audit.record(AuditEvent.byCurrentActor("inquiry.close", i.residentAccountId(), "inquiry:" + id,
            AuditDetail.of("inquiry.audit.department", AuditDetail.department(i.departmentCode()))));
    }

    private Inquiry mine(long staffId, long id) {
        Inquiry i = inquiries.find(id).orElseThrow(NotFound::new);
        if (!maySee(staffId, i) || i.erased()) {
            throw new NotYours();
        }
        return i;
    }

    /** What staff routed: the department proposal learns the resident's first words for that department. */
    private void learn(Inquiry i, String department) {
        inquiries.messages(i.id()).stream().filter(m -> m.kind() == Inquiry.Message.Kind.RESIDENT).findFirst()
            .ifPresent(m -> inquiries.routed(i.id(), m.body(), department));
    }

    /** Where the resident's answers go: the account's address, else the reply address; empty for a phone inquiry. */
    public Optional<String> replyAddress(Inquiry i) {
        if (i.residentAccountId() != null) {
            return accounts.find(i.residentAccountId()).map(AccountSummary::email);
        }
        return Optional.ofNullable(i.contactEmail());
    }

    /** The most threads whose links one request mails again. */
    public static final int MAX_RESENT = 20;

    /** Whether {@code email} is shaped like an address (for the lost-link form). */
    public static boolean looksLikeEmail(String email) {
        String e = Texts.line(email);
        return !e.isEmpty() && e.length() <= 320 && EMAIL.matcher(e).matches();
    }

    /**
     * A visitor lost the mailed link: every thread they opened without an account from {@code email} gets a new
     * secret link (the old one stops working) and one mail lists them, sent to that address only. Nothing is said
     * to the requester about whether there were any, so the form cannot be used to learn who wrote to the ward.
     * Returns how many links were mailed (for tests and logs, never shown).
     */
    @Transactional
    public int resendLinks(String email, Locale locale) {
        String address = Texts.line(email);
        List<Inquiry> threads = inquiries.sentWithoutAccountFrom(address, MAX_RESENT);
        if (threads.isEmpty()) {
            return 0;
        }
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (Inquiry i : threads) {
            String token = newToken();
            inquiries.setTokenHash(i.id(), hash(token));
            lines.add(Map.of("id", i.id(), "department", departmentLabel(i, locale),
                "received", i.receivedAt().atZone(jp.machi.shared.time.MachiClock.ZONE).toLocalDate().toString(),
                "link", baseUrl + "/inquiries/t/" + token));
        }
        mailer.send(threads.getFirst().contactEmail(), "inquiry/links", locale,
            Map.of("ward", ward.name(locale), "threads", lines), "inquiry-links:" + UUID.randomUUID());
        return threads.size();
    }

    private void mailResident(Inquiry i, String template, Map<String, Object> extra, String token, String key) {
        Optional<String> to = replyAddress(i);
        if (to.isEmpty()) {
            return;
        }
        Locale locale = i.residentAccountId() != null
            ? accounts.find(i.residentAccountId()).map(AccountSummary::locale).orElse(Locale.JAPANESE)
            : Locale.forLanguageTag(i.language());
        Map<String, Object> model = new HashMap<>(extra);
        model.put("id", i.id());
        model.put("ward", ward.name(locale));
        model.put("days", targetDays);
        model.put("link", i.residentAccountId() != null ? baseUrl + "/account/inquiries/" + i.id()
            : token != null ? baseUrl + "/inquiries/t/" + token : "");
        model.putIfAbsent("department", departmentLabel(i, locale));
        mailer.send(to.get(), template, locale, model, key);
    }

    private String departmentLabel(Inquiry i) {
        return departmentLabel(i, Locale.forLanguageTag(i.language()));
    }

    private String departmentLabel(Inquiry i, Locale locale) {
        return ward.department(i.departmentCode()).map(d -> d.label(locale)).orElse(i.departmentCode());
    }

    static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    public static final class NotFound extends RuntimeException {
        public NotFound() {
            super("no such inquiry");
        }
    }
}
