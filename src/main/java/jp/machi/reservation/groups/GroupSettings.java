package jp.machi.reservation.groups;

/**
 * Ward-wide rules for groups.
 *
 * @param minMembers       members a group needs, the representative included
 * @param minInWardPercent the smallest share (per cent) of members living, working or studying in the ward
 * @param validityMonths   how long an approval (or renewal) lasts
 * @param monthlyCap       active group bookings for days of one calendar month
 */
public record GroupSettings(int minMembers, int minInWardPercent, int validityMonths, int monthlyCap) {}
