package jp.machi.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.identity.ResidentDeleted;
import jp.machi.shared.security.Role;
import jp.machi.mail.Mailer;
import jp.machi.shared.manifest.DataSubject;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' own account: registration with e-mail verification, password reset, profile, deletion.
 * Every method is one transaction; mail goes through the mail outbox in the same transaction.
 */
@Service
public class AccountService {

    static final Duration VERIFY_VALIDITY = Duration.ofHours(24);
    static final Duration RESET_VALIDITY = Duration.ofHours(1);
    static final Duration INVITE_VALIDITY = Duration.ofHours(72);

    private final AccountRepository accounts;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Mailer mailer;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String baseUrl;
    private final PersonalDataService personalData;

    AccountService(AccountRepository accounts, JdbcClient jdbc, PasswordEncoder encoder, Mailer mailer, AuditLog audit,
                   ApplicationEventPublisher events, Clock clock, jp.machi.shared.web.SiteUrl site,
                   PersonalDataService personalData) {
        this.personalData = personalData;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.mailer = mailer;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.baseUrl = site.base();
    }

    public record Registration(String email, String password, String displayName, String nameKana, String district,
                               String language) {}

    /**
     * Registers a resident and mails a verification link. When the address already has an account, that
     * account's owner gets a mail saying so instead, and the caller sees the same answer (no account probing).
     */
    @Transactional
    /** An account by id (also deleted or staff ones: the caller decides what it may show). */
    public Optional<Account> account(long id) {
        return accounts.findById(id);
    }

    /** Residents whose name, kana or e-mail address contains the query (the counter desk's search). */
    public java.util.List<Account> searchResidents(String query, int limit) {
        return accounts.searchResidents(query, limit);
    }

    public void register(Registration r) {
        String email = r.email().trim();
        Locale locale = Locale.forLanguageTag(r.language());
        if (accounts.emailTaken(email)) {
            accounts.findActiveByEmail(email).ifPresent(existing -> mailer.send(existing.email(),
                "identity/already-registered", Locale.forLanguageTag(existing.preferredLanguage()),
                Map.of("name", existing.displayName(), "loginUrl", baseUrl + "/login",
                    "resetUrl", baseUrl + "/password/forgot")));
            return;
        }
        long id = accounts.insert(Account.RESIDENT, email, encoder.encode(r.password()), r.displayName().trim(),
            blankToNull(r.nameKana()), blankToNull(r.district()), r.language(), null);
        accounts.setRoles(id, EnumSet.of(Role.RESIDENT));
        String token = issueToken(id, "VERIFY_EMAIL", VERIFY_VALIDITY);
        mailer.send(email, "identity/verify-email", locale,
            Map.of("name", r.displayName().trim(), "url", jp.machi.mail.Secret.of(baseUrl + "/verify?token=" + token), "hours", 24));
        audit.record(new AuditEvent("identity.account.register", id, email, null, id, "account:" + id,
            AuditDetail.of("identity.audit.account.register"), jp.machi.shared.security.CurrentActor.remoteAddress()));
    }

    /** How soon after one verification mail another may be sent to the same account. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    /**
     * Sends the verification mail again (a new link; the old one stops working) when the address belongs to an
     * account that is not yet verified, at most once a minute. Says nothing either way, so addresses cannot be
     * probed; the page answers the same for every address.
     */
    @Transactional
    public void resendVerification(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            return;
        }
        accounts.findActiveByEmail(email).filter(a -> a.emailVerifiedAt() == null && !a.isStaff()).ifPresent(a -> {
            Instant last = jdbc.sql("select max(created_at) from account_token where account_id = ? and purpose = 'VERIFY_EMAIL'")
                .param(a.id()).query(Instant.class).optional().orElse(null);
            if (last != null && last.isAfter(clock.instant().minus(RESEND_INTERVAL))) {
                return;
            }
            String token = issueToken(a.id(), "VERIFY_EMAIL", VERIFY_VALIDITY);
            mailer.send(a.email(), "identity/verify-email", Locale.forLanguageTag(a.preferredLanguage()),
                Map.of("name", a.displayName(), "url", baseUrl + "/verify?token=" + token, "hours", 24));
            audit.record(new AuditEvent("identity.account.resend", a.id(), a.email(), null, a.id(), "account:" + a.id(),
                AuditDetail.of("identity.audit.account.resend"), jp.machi.shared.security.CurrentActor.remoteAddress()));
        });
    }

    /** How long a claim code given at the counter works. */
    static final Duration CLAIM_VALIDITY = Duration.ofDays(30);

    /** A resident registered by staff at the counter, without an e-mail address. */
    public record CounterRegistration(String displayName, String nameKana, String district, String phone, String language) {}

    /**
     * Staff register a resident who has no e-mail address (the counter exists for people who do not use ICT): no
     * address, no password; staff act for them, and they may later take the account over with a claim code.
     */
    @Transactional
    public long registerAtCounter(CounterRegistration r) {
        long id = accounts.insertCounterResident(r.displayName().trim(), blankToNull(r.nameKana()), blankToNull(r.district()),
            blankToNull(r.phone()), r.language());
        accounts.setRoles(id, EnumSet.of(Role.RESIDENT));
        audit.record(AuditEvent.byCurrentActor("identity.resident.register", id, "account:" + id,
            AuditDetail.of("identity.audit.resident.register")));
        return id;
    }

    /**
     * A code the counter resident can use to take the account over (e-mail address and password of their own),
     * shown once to staff to hand over on paper; a new code makes the earlier one stop working.
     */
    @Transactional
    public String issueClaimCode(long accountId) {
        Account a = accounts.findById(accountId).filter(x -> x.withoutEmail() && !x.isDeleted())
            .orElseThrow(() -> new IllegalArgumentException("not a counter resident without an address"));
        String code = SecretTokens.newRecoveryCode();
        jdbc.sql("update account_token set used_at = now() where account_id = ? and purpose = 'CLAIM' and used_at is null")
            .param(a.id()).update();
        jdbc.sql("insert into account_token (account_id, purpose, token_hash, expires_at) values (?, 'CLAIM', ?, ?)")
            .params(a.id(), SecretTokens.sha256(claimKey(code)), AccountRepository.ts(clock.instant().plus(CLAIM_VALIDITY)))
            .update();
        audit.record(AuditEvent.byCurrentActor("identity.claim.issue", a.id(), "account:" + a.id(),
            AuditDetail.of("identity.audit.claim.issue")));
        return code;
    }

    /** Why taking over an account did not work. */
    public enum ClaimProblem { CODE, EMAIL_TAKEN }

    /**
     * The resident takes over the account staff registered: the code from the counter, their own address and a
     * password; a verification mail goes to the address, and they can sign in once it is confirmed. Empty when it
     * worked.
     */
    @Transactional
    public Optional<ClaimProblem> claim(String code, String email, String password, String language) {
        Optional<Long> id = findToken(claimKey(code), "CLAIM");
        if (id.isEmpty()) {
            return Optional.of(ClaimProblem.CODE);
        }
        if (accounts.emailTaken(email.trim())) {
            return Optional.of(ClaimProblem.EMAIL_TAKEN);
        }
        long accountId = id.get();
        if (!accounts.claim(accountId, email, encoder.encode(password))) {
            return Optional.of(ClaimProblem.CODE);
        }
        consumeToken(claimKey(code), "CLAIM");
        jdbc.sql("update account set preferred_language = ? where id = ?").params("en".equals(language) ? "en" : "ja", accountId)
            .update();
        Account a = accounts.findById(accountId).orElseThrow();
        String token = issueToken(accountId, "VERIFY_EMAIL", VERIFY_VALIDITY);
        mailer.send(a.email(), "identity/verify-email", Locale.forLanguageTag(a.preferredLanguage()),
            Map.of("name", a.displayName(), "url", baseUrl + "/verify?token=" + token, "hours", 24));
        audit.record(new AuditEvent("identity.account.claim", accountId, a.email(), null, accountId, "account:" + accountId,
            AuditDetail.of("identity.audit.account.claim"), jp.machi.shared.security.CurrentActor.remoteAddress()));
        return Optional.empty();
    }

    /** A claim code as typed: case, spaces and hyphens do not matter. */
    static String claimKey(String code) {
        return code == null ? "" : code.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z]", "");
    }

    /** Confirms an e-mail address; empty when the link is unknown, used or expired. */
    @Transactional
    public Optional<Account> verifyEmail(String token) {
        return consumeToken(token, "VERIFY_EMAIL").flatMap(id -> {
            accounts.markVerified(id);
            audit.record(new AuditEvent("identity.account.verify", id, null, null, id, "account:" + id,
                AuditDetail.of("identity.audit.account.verify"), jp.machi.shared.security.CurrentActor.remoteAddress()));
            return accounts.findById(id);
        });
    }

    /** Mails a reset link when the address has an account; says nothing either way. */
    @Transactional
    public void requestPasswordReset(String email) {
        accounts.findActiveByEmail(email).ifPresent(a -> {
            String token = issueToken(a.id(), "RESET_PASSWORD", RESET_VALIDITY);
            mailer.send(a.email(), "identity/reset-password", Locale.forLanguageTag(a.preferredLanguage()),
                Map.of("name", a.displayName(), "url", jp.machi.mail.Secret.of(baseUrl + "/password/reset?token=" + token), "minutes", 60));
        });
    }

    /** A staff invitation: the new staff member chooses a password through a reset link. */
    @Transactional
    public void sendInvitation(Account a) {
        String token = issueToken(a.id(), "RESET_PASSWORD", INVITE_VALIDITY);
        mailer.send(a.email(), "identity/staff-invitation", Locale.forLanguageTag(a.preferredLanguage()),
            Map.of("name", a.displayName(), "url", jp.machi.mail.Secret.of(baseUrl + "/password/reset?token=" + token), "hours", 72));
    }

    public boolean resetTokenValid(String token) {
        return findToken(token, "RESET_PASSWORD").isPresent();
    }

    /** Sets a new password from a reset link; the link works once. Also confirms the address (the mail arrived). */
    @Transactional
    public boolean resetPassword(String token, String newPassword) {
        return consumeToken(token, "RESET_PASSWORD").map(id -> {
            accounts.updatePassword(id, encoder.encode(newPassword));
            accounts.markVerified(id);
            audit.record(new AuditEvent("identity.password.reset", id, null, null, id, "account:" + id,
                AuditDetail.of("identity.audit.password.reset"), jp.machi.shared.security.CurrentActor.remoteAddress()));
            return true;
        }).orElse(false);
    }

    @Transactional
    public boolean changePassword(long accountId, String current, String newPassword) {
        Account a = accounts.findById(accountId).orElseThrow();
        if (!encoder.matches(current, a.passwordHash())) {
            return false;
        }
        accounts.updatePassword(accountId, encoder.encode(newPassword));
        audit.record(AuditEvent.byCurrentActor("identity.password.change", accountId, "account:" + accountId,
            AuditDetail.of("identity.audit.password.change")));
        return true;
    }

    public record Profile(String displayName, String nameKana, String district, String language, String contactEmail) {}

    /** Updates a resident's profile; when staff act for the resident, the audit entry says so. */
    @Transactional
    public void updateProfile(long accountId, Profile p) {
        accounts.updateProfile(accountId, p.displayName().trim(), blankToNull(p.nameKana()), blankToNull(p.district()),
            p.language(), blankToNull(p.contactEmail()));
        audit.record(AuditEvent.byCurrentActor("identity.profile.update", accountId, "account:" + accountId,
            AuditDetail.of("identity.audit.profile.update")));
    }

    public boolean passwordMatches(long accountId, String password) {
        return accounts.findById(accountId).map(a -> encoder.matches(password, a.passwordHash())).orElse(false);
    }

    /**
     * Deletes a resident's account: every module erases or anonymises what it holds about the person (their
     * {@code PersonalData} erasers, in this transaction), then the account row and everything hanging on it
     * (roles, tokens, codes) is deleted. Only the audit log keeps the account number. Other modules are told after
     * the commit ({@link ResidentDeleted}).
     */
    @Transactional
    public void deleteAccount(long accountId) {
        DataSubject person = personalData.subject(accountId)
            .orElseThrow(() -> new IllegalArgumentException("no such account"));
        personalData.eraseAll(person);
        accounts.delete(accountId);
        audit.record(AuditEvent.byCurrentActor("identity.account.delete", accountId, "account:" + accountId,
            AuditDetail.of("identity.audit.account.delete")));
        events.publishEvent(new ResidentDeleted(accountId));
    }

    private String issueToken(long accountId, String purpose, Duration validity) {
        String token = SecretTokens.newToken();
        jdbc.sql("update account_token set used_at = now() where account_id = ? and purpose = ? and used_at is null")
            .params(accountId, purpose).update();
        jdbc.sql("insert into account_token (account_id, purpose, token_hash, expires_at) values (?, ?, ?, ?)")
            .params(accountId, purpose, SecretTokens.sha256(token), AccountRepository.ts(clock.instant().plus(validity)))
            .update();
        return token;
    }

    private Optional<Long> findToken(String token, String purpose) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select account_id from account_token where token_hash = ? and purpose = ? and used_at is null
                and expires_at > ?""")
            .params(SecretTokens.sha256(token), purpose, AccountRepository.ts(clock.instant()))
            .query(Long.class).optional();
    }

    private Optional<Long> consumeToken(String token, String purpose) {
        Optional<Long> id = findToken(token, purpose);
        id.ifPresent(x -> jdbc.sql("update account_token set used_at = now() where token_hash = ?")
            .param(SecretTokens.sha256(token)).update());
        return id;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    Instant now() {
        return clock.instant();
    }
}
