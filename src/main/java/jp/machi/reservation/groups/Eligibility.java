package jp.machi.reservation.groups;

/**
 * Who may book a room: individuals, groups, non-residents (区外). Scoped like {@link Rules}; without any row
 * everybody may.
 */
public record Eligibility(boolean individuals, boolean groups, boolean nonResidents, String scope) {

    public static final Eligibility EVERYBODY = new Eligibility(true, true, true, "none");

    /** Whom this rule leaves out among a group ({@code asGroup}) or a person living, working or studying in the ward or not. */
    public String excluded(boolean asGroup, boolean inWard) {
        return excluded(individuals, groups, nonResidents, asGroup, inWard);
    }

    /**
     * The one rule of who may, for rooms and for lottery rounds alike: {@code "groups"}, {@code "individuals"} or
     * {@code "non-residents"} for the kind of applicant left out, null when the applicant may. Non-residents are
     * persons; a group is never "from outside" as a whole.
     */
    public static String excluded(boolean individuals, boolean groups, boolean nonResidents, boolean asGroup, boolean inWard) {
        if (asGroup) {
            return groups ? null : "groups";
        }
        if (!individuals) {
            return "individuals";
        }
        return inWard || nonResidents ? null : "non-residents";
    }
}
