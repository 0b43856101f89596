package jp.machi.facility.web;

import java.util.Locale;
import java.util.stream.Collectors;
import jp.machi.facility.DayHours;
import jp.machi.facility.TimeRange;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Hours as words for templates ({@code ${@facilityText.hours(day)}}). */
@Component("facilityText")
public class FacilityText {

    private final MessageSource messages;

    FacilityText(MessageSource messages) {
        this.messages = messages;
    }

    /** "9:00–21:30" (several periods joined), or why it is closed. */
    public String hours(DayHours day) {
        Locale locale = LocaleContextHolder.getLocale();
        if (day.open()) {
            return day.periods().stream().map(FacilityText::period).collect(Collectors.joining(", "));
        }
        return messages.getMessage("facility.reason." + day.reason().name(), null, locale);
    }

    /** The reason or note of a day, e.g. the holiday's name or the exception's reason; empty for a regular day. */
    public String note(DayHours day) {
        Locale locale = LocaleContextHolder.getLocale();
        String note = day.note() == null ? null : day.note().in(locale);
        String reason = switch (day.reason()) {
            case REGULAR, NO_REGULAR_HOURS, HOURS_UNKNOWN, EXCEPTION_CLOSED, YEAR_END, WEEKLY_CLOSED, CLOSED_AFTER_HOLIDAY, HOLIDAY_CLOSED -> null;
            default -> messages.getMessage("facility.reason." + day.reason().name(), null, locale);
        };
        if (reason == null) {
            return note == null ? "" : note;
        }
        return note == null ? reason : reason + "（" + note + "）";
    }

    static String period(TimeRange p) {
        return p.opens().getHour() + ":" + String.format("%02d", p.opens().getMinute()) + "–" + p.closes().getHour() + ":"
            + String.format("%02d", p.closes().getMinute());
    }
}
