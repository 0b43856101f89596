package jp.machi.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import jp.machi.shared.security.Role;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person: Spring Security's user and Machi's principal. Kept in the session, so no secrets. */
public final class AccountUser implements UserDetails, CredentialsContainer, MachiPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long accountId;
    private final String email;
    private final String displayName;
    private final String preferredLanguage;
    private final boolean staff;
    private final boolean verified;
    private final boolean locked;
    private final List<String> roles;
    private String passwordHash;

    AccountUser(Account a, Instant now) {
        this.accountId = a.id();
        this.email = a.email();
        this.displayName = a.displayName();
        this.preferredLanguage = a.preferredLanguage();
        this.staff = a.isStaff();
        this.verified = a.emailVerifiedAt() != null && !a.isDeleted();
        this.locked = a.lockedAt(now);
        this.roles = a.roles().stream().map(Role::authority).sorted().toList();
        this.passwordHash = a.passwordHash();
    }

    /** The authorities of a fully signed-in person (after the second factor for staff). */
    public List<GrantedAuthority> roleAuthorities() {
        return roles.stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roleAuthorities();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return verified;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String email() {
        return email;
    }

    @Override
    public String preferredLanguage() {
        return preferredLanguage;
    }

    @Override
    public boolean isStaff() {
        return staff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountUser other && other.accountId == accountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId);
    }

    @Override
    public String toString() {
        return "AccountUser[" + accountId + "]";
    }
}
