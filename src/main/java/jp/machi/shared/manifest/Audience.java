package jp.machi.shared.manifest;

import jp.machi.shared.security.MachiPrincipal;

/** Who sees a contributed link. */
public enum Audience {
    /** Visitors, residents and staff. */
    EVERYONE,
    /** Anyone signed in. */
    SIGNED_IN,
    /** Signed-in people who are not staff (and staff acting for a resident see it on the resident's pages). */
    RESIDENTS,
    /** Staff who passed the second factor. */
    STAFF;

    /** True when the link is for this person ({@code null} for a visitor). */
    public boolean includes(MachiPrincipal principal) {
        return switch (this) {
            case EVERYONE -> true;
            case SIGNED_IN -> principal != null;
            case RESIDENTS -> principal != null && !principal.isStaff();
            case STAFF -> principal != null && principal.isStaff();
        };
    }
}
