package jp.machi.reservation.groups.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.mail.Mailer;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booked;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.groups.Group;
import jp.machi.reservation.groups.GroupMember;
import jp.machi.reservation.groups.GroupRefusal;
import jp.machi.reservation.groups.GroupSettings;
import jp.machi.shared.time.MachiClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups (団体): registration by a representative, staff approval for a set period, renewal, ward-wide settings,
 * and booking on behalf of the group. A person is an active member of at most one group (the database's partial
 * unique indexes on account and e-mail address say so; this class checks first to give a clear message).
 */
@Service
public class GroupService {

    /** A member as entered on the form. {@code email} may be null (a member known only by name). */
    public record NewMember(String name, String email, boolean inWard) {}

    /** Something wrong with a registration: the form field ({@code members[3].email}, {@code members}) and message. */
    public record Problem(String field, String code, List<Object> args) {

        /** The field's element id on the form: {@code members[3].email} is {@code members-3-email}. */
        public String anchor() {
            return field.replace("[", "-").replace("]", "").replace(".", "-");
        }

        public Object[] argArray() {
            return args.toArray();
        }
    }

    /** The registration was refused; nothing was written. */
    public static class GroupRefused extends RuntimeException {
        private final List<Problem> problems;

        GroupRefused(List<Problem> problems) {
            super("group refused", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final JdbcClient jdbc;
    private final Bookers bookers;
    private final Bookings bookings;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;
    private final String baseUrl;

    GroupService(JdbcClient jdbc, Bookers bookers, Bookings bookings, Accounts accounts, AuditLog audit, Mailer mailer,
                 Clock clock, @Value("${machi.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.bookers = bookers;
        this.bookings = bookings;
        this.accounts = accounts;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    // ---- settings ----

    public GroupSettings settings() {
        return jdbc.sql("select * from reservation_group_settings").query((rs, n) -> new GroupSettings(
            rs.getInt("min_members"), rs.getInt("min_in_ward_percent"), rs.getInt("validity_months"),
            rs.getInt("monthly_cap"))).single();
    }

    @Transactional
    public void updateSettings(GroupSettings s) {
        jdbc.sql("""
                update reservation_group_settings set min_members = ?, min_in_ward_percent = ?, validity_months = ?,
                monthly_cap = ?""")
            .params(s.minMembers(), s.minInWardPercent(), s.validityMonths(), s.monthlyCap()).update();
        audit.record(AuditEvent.byCurrentActor("reservation.group.settings", null, "group-settings",
            AuditDetail.of("reservation.groups.audit.settings", s.minMembers(), s.minInWardPercent(), s.validityMonths(),
                s.monthlyCap())));
    }

    // ---- reading ----

    public Optional<Group> find(long id) {
        return jdbc.sql("select * from reservation_group where id = ?").param(id).query(GroupService::group).optional();
    }

    /** The group the person is an active member of (as representative or member), if any. */
    public Optional<Group> groupOf(long accountId) {
        return jdbc.sql("""
                select g.* from reservation_group g join reservation_group_member m on m.group_id = g.id
                where m.active and m.account_id = ?""").param(accountId).query(GroupService::group).optional();
    }

    /** The group the person represents (in any state), if any: they book, apply, renew and withdraw for it. */
    public Optional<Group> representedBy(long accountId) {
        return groupOf(accountId).filter(g -> g.representativeId() == accountId);
    }

    public List<GroupMember> members(long groupId) {
        return jdbc.sql("select * from reservation_group_member where group_id = ? order by representative desc, id")
            .param(groupId).query((rs, n) -> {
                long a = rs.getLong("account_id");
                Long account = rs.wasNull() ? null : a;
                return new GroupMember(rs.getLong("id"), account, rs.getString("email"), rs.getString("name"),
                    rs.getBoolean("in_ward"), rs.getBoolean("representative"));
            }).list();
    }

    /** Groups waiting for a decision (new ones and renewals) first, then the rest by name; at most 500. */
    public List<Group> forStaff() {
        return jdbc.sql("""
                select * from reservation_group
                order by (status = 'PENDING' or renewal_requested_at is not null) desc, name_kana, id limit 500""")
            .query(GroupService::group).list();
    }

    /** Active group bookings for days of the month of {@code day}. */
    public long bookingsInMonth(long groupId, LocalDate day) {
        return bookings.ofGroupInMonth(groupId, day);
    }

    public List<Booking> bookingsOf(long groupId) {
        return bookings.ofGroup(groupId);
    }

    /** Approved groups among {@code groupIds} → their representative's account (the booker of the group's wins). */
    public Map<Long, Long> representatives(List<Long> groupIds) {
        Map<Long, Long> found = new HashMap<>();
        if (groupIds.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select id, representative_account_id from reservation_group
                where status = 'APPROVED' and representative_account_id is not null and id = any(?)""")
            .param(groupIds.toArray(Long[]::new))
            .query((ResultSet rs) -> {
                found.put(rs.getLong(1), rs.getLong(2));
            });
        return found;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    // ---- registration ----

    /**
     * Registers a group with the signed-in person as representative; PENDING until staff decide.
     *
     * @throws GroupRefused with every problem found; nothing is written then
     */
    @Transactional
    public long register(long representativeId, String name, String kana, String activity, List<NewMember> members) {
        List<Problem> problems = new ArrayList<>();
        Booker booker = bookers.booker(representativeId).orElse(null);
        if (booker == null) {
            throw new GroupRefused(List.of(new Problem("name", "reservation.group.error.notRegistered", List.of())));
        }
        if (groupOf(representativeId).isPresent()) {
            throw new GroupRefused(List.of(new Problem("name", "reservation.group.error.alreadyMember", List.of())));
        }
        AccountSummary me = accounts.find(representativeId).orElseThrow();
        Set<String> seen = new HashSet<>();
        if (me.email() != null) {
            seen.add(me.email().toLowerCase(Locale.ROOT));
        }
        List<Long> memberAccounts = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            NewMember m = members.get(i);
            memberAccounts.add(null);
            if (m.email() == null) {
                continue;
            }
            String email = m.email().toLowerCase(Locale.ROOT);
            if (!seen.add(email)) {
                problems.add(new Problem("members[" + i + "].email", "reservation.group.error.duplicate", List.of(m.email())));
                continue;
            }
            Optional<AccountSummary> account = accounts.findByEmail(m.email());
            Long accountId = account.map(AccountSummary::id).orElse(null);
            memberAccounts.set(i, accountId);
            boolean taken = jdbc.sql("""
                    select count(*) from reservation_group_member where active and (lower(email) = ? or account_id = ?)""")
                .params(email, accountId == null ? -1L : accountId).query(Long.class).single() > 0;
            if (taken) {
                problems.add(new Problem("members[" + i + "].email", "reservation.group.error.memberTaken", List.of(m.email())));
            }
        }
        GroupSettings settings = settings();
        int count = members.size() + 1;
        if (count < settings.minMembers()) {
            problems.add(new Problem("members", "reservation.group.error.tooFew", List.of(settings.minMembers(), count)));
        }
        long inWard = members.stream().filter(NewMember::inWard).count() + (booker.residency().inWard() ? 1 : 0);
        if (inWard * 100 < (long) settings.minInWardPercent() * count) {
            problems.add(new Problem("members", "reservation.group.error.share",
                List.of(settings.minInWardPercent(), inWard, count)));
        }
        if (!problems.isEmpty()) {
            throw new GroupRefused(problems);
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into reservation_group (name, name_kana, activity, representative_account_id, status, submitted_at)
                values (?, ?, ?, ?, 'PENDING', ?) returning id""")
            .params(name, kana, activity, representativeId, Timestamp.from(now)).query(Long.class).single();
        try {
            jdbc.sql("""
                    insert into reservation_group_member (group_id, account_id, email, name, in_ward, representative)
                    values (?, ?, ?, ?, ?, true)""")
                .params(id, representativeId, me.email(), me.displayName(), booker.residency().inWard()).update();
            for (int i = 0; i < members.size(); i++) {
                NewMember m = members.get(i);
                jdbc.sql("""
                        insert into reservation_group_member (group_id, account_id, email, name, in_ward)
                        values (?, ?, ?, ?, ?)""")
                    .params(id, memberAccounts.get(i), m.email(), m.name(), m.inWard()).update();
            }
        } catch (DuplicateKeyException e) {
            // another registration took a member in the meantime: the database said no
            throw new GroupRefused(List.of(new Problem("members", "reservation.group.error.raced", List.of())));
        }
        return id;
    }

    /** The representative asks to renew an approval (before or after it expired). */
    @Transactional
    public boolean requestRenewal(long representativeId) {
        return jdbc.sql("""
                update reservation_group set renewal_requested_at = ? where representative_account_id = ?
                and status = 'APPROVED' and renewal_requested_at is null""")
            .params(Timestamp.from(clock.instant()), representativeId).update() == 1;
    }

    /** The representative dissolves the registration; every member is free to join another group. */
    @Transactional
    public boolean withdraw(long representativeId) {
        Optional<Group> g = representedBy(representativeId)
            .filter(x -> x.status() == Group.Status.PENDING || x.status() == Group.Status.APPROVED);
        if (g.isEmpty()) {
            return false;
        }
        jdbc.sql("update reservation_group set status = 'WITHDRAWN' where id = ?").param(g.get().id()).update();
        jdbc.sql("update reservation_group_member set active = false where group_id = ?").param(g.get().id()).update();
        return true;
    }

    // ---- staff ----

    /** A staff member opens a group with its members: an access to personal data, audited. */
    public Optional<Group> read(long groupId) {
        Optional<Group> g = find(groupId);
        g.ifPresent(x -> audit.record(AuditEvent.byCurrentActor("reservation.group.read", x.representativeId(),
            "group:" + x.id(), AuditDetail.of("reservation.groups.audit.read"))));
        return g;
    }

    /**
     * Approves a new registration or a renewal: valid for the set months from today (a renewal from the end of the
     * current period when that is later). False when there was nothing to decide.
     */
    @Transactional
    public boolean approve(long staffId, long groupId, String note) {
        Group g = find(groupId).orElse(null);
        if (g == null || !(g.status() == Group.Status.PENDING || (g.status() == Group.Status.APPROVED && g.renewalRequested()))) {
            return false;
        }
        LocalDate today = today();
        LocalDate base = g.validUntil() != null && g.validUntil().isAfter(today) ? g.validUntil() : today;
        LocalDate until = base.plusMonths(settings().validityMonths());
        jdbc.sql("""
                update reservation_group set status = 'APPROVED', valid_until = ?, decided_at = ?, decided_by = ?,
                decision_note = ?, renewal_requested_at = null where id = ?""")
            .params(until, Timestamp.from(clock.instant()), staffId, note, groupId).update();
        audit.record(AuditEvent.byCurrentActor(g.renewalRequested() ? "reservation.group.renew" : "reservation.group.approve",
            g.representativeId(), "group:" + groupId, note == null ? AuditDetail.of("reservation.groups.audit.approve", until)
                : AuditDetail.of("reservation.groups.audit.approve.note", until, note)));
        tell(g, "reservation/groups/approved", Map.of("until", until.toString()));
        return true;
    }

    /** Rejects a registration (its members are released) or a renewal (the current period stays). */
    @Transactional
    public boolean reject(long staffId, long groupId, String note) {
        Group g = find(groupId).orElse(null);
        if (g == null) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (g.status() == Group.Status.PENDING) {
            jdbc.sql("""
                    update reservation_group set status = 'REJECTED', decided_at = ?, decided_by = ?, decision_note = ?
                    where id = ?""").params(now, staffId, note, groupId).update();
            jdbc.sql("update reservation_group_member set active = false where group_id = ?").param(groupId).update();
        } else if (g.status() == Group.Status.APPROVED && g.renewalRequested()) {
            jdbc.sql("""
                    update reservation_group set renewal_requested_at = null, decided_at = ?, decided_by = ?,
                    decision_note = ? where id = ?""").params(now, staffId, note, groupId).update();
        } else {
            return false;
        }
        audit.record(AuditEvent.byCurrentActor("reservation.group.reject", g.representativeId(), "group:" + groupId,
            AuditDetail.of("reservation.groups.audit.reject", note)));
        tell(g, "reservation/groups/rejected", Map.of("note", note));
        return true;
    }

    private void tell(Group g, String template, Map<String, Object> extra) {
        accounts.find(g.representativeId()).filter(a -> a.email() != null && !a.email().isBlank()).ifPresent(a -> {
            Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
            Map<String, Object> model = new HashMap<>(extra);
            model.put("name", a.displayName());
            model.put("group", g.name());
            model.put("link", baseUrl + "/account/group");
            mailer.send(a.email(), template, locale, model);
        });
    }

    // ---- booking for the group ----

    /**
     * The representative books a slot for the group: the same rules as the booking core (Bookings#book) plus the
     * group's (approved and valid, who may book, the group's monthly cap), and the booking records the group.
     */
    @Transactional
    public Booked bookForGroup(long representativeId, Long proxyStaffId, long roomId, LocalDate date, String slotCode,
                               String key) {
        Group g = representedBy(representativeId).orElseThrow(() -> new Refused(GroupRefusal.GROUP_NOT_APPROVED));
        return bookings.book(new BookingRequest(representativeId, proxyStaffId, roomId, date, slotCode, null, key, null,
            false, g.id()));
    }

    static Group group(ResultSet rs, int n) throws SQLException {
        Timestamp renewal = rs.getTimestamp("renewal_requested_at");
        Timestamp decided = rs.getTimestamp("decided_at");
        long by = rs.getLong("decided_by");
        Long decidedBy = rs.wasNull() ? null : by;
        java.sql.Date until = rs.getDate("valid_until");
        return new Group(rs.getLong("id"), rs.getString("name"), rs.getString("name_kana"), rs.getString("activity"),
            rs.getLong("representative_account_id"), Group.Status.valueOf(rs.getString("status")),
            rs.getTimestamp("submitted_at").toInstant(), renewal == null ? null : renewal.toInstant(),
            decided == null ? null : decided.toInstant(), decidedBy, rs.getString("decision_note"),
            until == null ? null : until.toLocalDate());
    }
}
