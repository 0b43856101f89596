package jp.machi.reservation.web;

import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.security.access.AccessDeniedException;

/** Who is working on a reservation staff page. */
public final class StaffPages {

    private StaffPages() {}

    /** The signed-in staff member's account id (the URL rules let only staff in; this is the second lock). */
    public static long staffId() {
        return CurrentActor.principal().filter(MachiPrincipal::isStaff).map(MachiPrincipal::accountId)
            .orElseThrow(() -> new AccessDeniedException("staff only"));
    }

    /** Whether the signed-in person is a system admin (ward-wide settings are theirs). */
    public static boolean systemAdmin() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_SYSTEM_ADMIN".equals(a.getAuthority()));
    }
}
