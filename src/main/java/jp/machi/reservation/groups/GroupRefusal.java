package jp.machi.reservation.groups;

import jp.machi.reservation.Refusal;

/** Why groups' and blocks' rules refused a booking (message {@code reservation.refusal.<code>}). */
public enum GroupRefusal implements Refusal {
    /** The room is for groups only. */
    INDIVIDUALS_NOT_ALLOWED,
    /** The room does not take groups. */
    GROUPS_NOT_ALLOWED,
    /** The room is for people living, working or studying in the ward. */
    NON_RESIDENTS_NOT_ALLOWED,
    /** The group is not approved, or not on that day. */
    GROUP_NOT_APPROVED,
    /** The group holds its monthly number of bookings. */
    GROUP_CAP_EXCEEDED,
    /** Maintenance or 行政使用. */
    BLOCKED;

    @Override
    public String code() {
        return Refusal.code(this);
    }
}
