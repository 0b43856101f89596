package jp.machi.identity.internal;

import java.time.Instant;
import java.util.Set;
import jp.machi.shared.security.Role;

/** An account row with its roles and departments. */
public record Account(long id, String kind, String email, String passwordHash, String displayName, String nameKana,
                      String district, String preferredLanguage, String contactEmail, Instant emailVerifiedAt,
                      String totpSecret, Instant totpConfirmedAt, Long totpLastStep, boolean allDepartments,
                      int failedLogins, Instant lockedUntil, Instant createdAt, Instant deletedAt,
                      Set<Role> roles, Set<String> departments, String phone, boolean registeredAtCounter) {

    public static final String RESIDENT = "RESIDENT";
    public static final String STAFF = "STAFF";

    public boolean isStaff() {
        return STAFF.equals(kind);
    }

    /** A resident registered at the counter who has no e-mail address (yet): staff act for them. */
    public boolean withoutEmail() {
        return email == null;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public boolean totpEnrolled() {
        return totpSecret != null && totpConfirmedAt != null;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
