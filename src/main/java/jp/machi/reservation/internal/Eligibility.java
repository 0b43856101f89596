package jp.machi.reservation.internal;

/**
 * Who may book a room: individuals, groups, non-residents (区外). Scoped like {@link Rules}; without any row
 * everybody may.
 */
public record Eligibility(boolean individuals, boolean groups, boolean nonResidents, String scope) {

    public static final Eligibility EVERYBODY = new Eligibility(true, true, true, "none");
}
