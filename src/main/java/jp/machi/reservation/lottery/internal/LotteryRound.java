package jp.machi.reservation.lottery.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import jp.machi.reservation.groups.Eligibility;

/**
 * A lottery round (抽選回): rooms of one target month, the application window, the draw, the winners' confirmation
 * deadline and the moment first-come booking opens for what is left. {@code seed} is null until the draw (it is
 * kept secret between commitment and draw and never leaves this record before then).
 */
public record LotteryRound(long id, String nameJa, String nameEn, LocalDate targetMonth, Instant opensAt,
                           Instant closesAt, Instant drawAt, Instant confirmBy, Instant firstComeAt, int maxChoices,
                           int maxApplications, Phase phase, String listSha256, String seedSha256, String seed,
                           Instant committedAt, Instant drawnAt, Who who) {

    /**
     * Who may apply in the round: persons (個人), groups (団体, through their representative) and, among persons, those
     * who neither live, work nor study in the ward (区外). The rooms' own rules ({@link Eligibility}) apply as well.
     */
    public record Who(boolean individuals, boolean groups, boolean nonResidents) {

        public static final Who EVERYBODY = new Who(true, true, true);

        /** Message keys (reservation.lottery.who.*) of who may apply, for pages. */
        public java.util.List<String> keys() {
            java.util.List<String> keys = new java.util.ArrayList<>();
            if (individuals) {
                keys.add("individuals");
            }
            if (groups) {
                keys.add("groups");
            }
            keys.add(individuals && nonResidents ? "nonResidents" : "inWardOnly");
            return keys;
        }

        /** Whom the round leaves out (as {@link Eligibility#excluded(boolean, boolean)}), null when the applicant may apply. */
        public String excluded(boolean asGroup, boolean inWard) {
            return Eligibility.excluded(individuals, groups, nonResidents, asGroup, inWard);
        }

        /** At least persons or groups; non-residents only among persons. */
        public boolean valid() {
            return (individuals || groups) && (individuals || !nonResidents);
        }
    }

    /** What has been done: nothing yet, list fixed and committed, drawn. */
    public enum Phase { PLANNED, COMMITTED, DRAWN }

    /** What a reader sees: scheduled, open, closed (waiting for the commitment), committed, drawn, finished. */
    public String state(Instant now) {
        return switch (phase) {
            case PLANNED -> now.isBefore(opensAt) ? "scheduled" : now.isBefore(closesAt) ? "open" : "closed";
            case COMMITTED -> "committed";
            case DRAWN -> now.isBefore(firstComeAt) ? "drawn" : "finished";
        };
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameJa;
    }

    public boolean acceptsApplications(Instant now) {
        return phase == Phase.PLANNED && !now.isBefore(opensAt) && now.isBefore(closesAt);
    }

    /** Whether the round holds its rooms' slots of the target month back from first-come booking at {@code now}. */
    public boolean holds(Instant now) {
        return !now.isBefore(opensAt) && now.isBefore(firstComeAt);
    }

    public boolean inTargetMonth(LocalDate date) {
        return date.getYear() == targetMonth.getYear() && date.getMonth() == targetMonth.getMonth();
    }

    public LocalDate lastDay() {
        return targetMonth.plusMonths(1).minusDays(1);
    }

    public String seedIfDrawn() {
        return phase == Phase.DRAWN ? seed : null;
    }
}
