package jp.machi.audit.internal;

import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Events by whoever is signed in, for the audit module's own actions (search, export, verify). */
public final class AuditActor {

    private AuditActor() {}

    /**
     * Like {@link AuditEvent#byCurrentActor}, but names a signed-in user whose principal is not a Machi account
     * (a technical or test login) by their user name rather than as anonymous.
     */
    public static AuditEvent event(String action, String subject, AuditDetail said) {
        AuditEvent e = AuditEvent.byCurrentActor(action, null, subject, said);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (e.actorAccountId() == null && auth != null && auth.isAuthenticated() && auth.getName() != null) {
            return e.byLabel(auth.getName());
        }
        return e;
    }
}
