package jp.machi.reservation.booking;

/** What a booker declared (在住/在勤/在学/区外); the first three pay the resident fee. */
public enum Residency {
    RESIDENT, WORKER, STUDENT, NON_RESIDENT;

    public boolean inWard() {
        return this != NON_RESIDENT;
    }

    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
