package jp.machi.shared.time;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reader of dates that people and machines type ({@code 2026-11-23}): four-digit years only and within
 * {@link #EARLIEST}…{@link #LATEST}, so that {@code +999999999-12-31} or {@code -999999999-01-01} (which
 * {@link LocalDate#parse} accepts) never reach a query — PostgreSQL cannot hold them as timestamps and answered 500.
 */
public final class DateInput {

    /** The first day of the Meiji era: no record of Machi is older. */
    public static final LocalDate EARLIEST = LocalDate.of(1868, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private DateInput() {}

    /** The date, or empty when the text is not an ISO date in range; blank text is empty as well. */
    public static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().replace('/', '-');
        if (!ISO.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s)).filter(DateInput::inRange);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static boolean inRange(LocalDate d) {
        return d != null && !d.isBefore(EARLIEST) && !d.isAfter(LATEST);
    }
}
