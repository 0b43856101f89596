package jp.machi.shared.security;

/**
 * The signed-in person as every module sees them. The identity module's user details implement it, so
 * other modules need not depend on identity to know who is acting.
 */
public interface MachiPrincipal {

    long accountId();

    String displayName();

    String email();

    /** ja or en. */
    String preferredLanguage();

    boolean isStaff();
}
