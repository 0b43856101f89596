package jp.machi.audit;

import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;

/**
 * One thing to put on the record.
 *
 * @param action           what happened, a dotted code such as {@code resident.read} or {@code auth.login.failure}
 * @param actorAccountId   who did it (null when nobody is signed in, e.g. a failed sign-in)
 * @param actorLabel       how the actor is named in the log (e-mail at the time, or "anonymous")
 * @param onBehalfOfId     the resident a staff member acted for (代理入力), or null
 * @param subjectAccountId whose personal data was read or written, or null
 * @param subject          what was touched, e.g. {@code account:42} or {@code staff:7}
 * @param detail           a short, non-secret description in English (never a password or token); when {@code said}
 *                         is given and this is null, the audit log writes it from {@code said}'s English message
 * @param remoteAddress    the client address
 * @param said             the description as a message key and arguments, shown in the auditor's language
 */
public record AuditEvent(String action, Long actorAccountId, String actorLabel, Long onBehalfOfId,
                         Long subjectAccountId, String subject, String detail, String remoteAddress, AuditDetail said) {

    /** An event described by a message key and its arguments (the English text is written when it is recorded). */
    public AuditEvent(String action, Long actorAccountId, String actorLabel, Long onBehalfOfId, Long subjectAccountId,
                      String subject, AuditDetail said, String remoteAddress) {
        this(action, actorAccountId, actorLabel, onBehalfOfId, subjectAccountId, subject, null, remoteAddress, said);
    }

    /** An event by whoever is signed in on this request (and the resident they act for, if any). */
    public static AuditEvent byCurrentActor(String action, Long subjectAccountId, String subject, AuditDetail said) {
        MachiPrincipal p = CurrentActor.principal().orElse(null);
        Long onBehalfOf = CurrentActor.actingFor().map(CurrentActor.ProxySubject::accountId).orElse(null);
        return new AuditEvent(action, p == null ? null : p.accountId(), p == null ? "anonymous" : p.email(),
            onBehalfOf, subjectAccountId, subject, null, CurrentActor.remoteAddress(), said);
    }

    /** An event done by Machi itself (a scheduled job), not by a person. */
    public static AuditEvent system(String action, Long subjectAccountId, String subject, AuditDetail said) {
        return new AuditEvent(action, null, "system", null, subjectAccountId, subject, null, null, said);
    }

    /** The same event with another actor label (a signed-in user who is not a Machi account). */
    public AuditEvent byLabel(String label) {
        return new AuditEvent(action, actorAccountId, label, onBehalfOfId, subjectAccountId, subject, detail,
            remoteAddress, said);
    }
}
