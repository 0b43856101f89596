package jp.machi.holiday.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.machi.holiday.PublicHolidays;
import jp.machi.shared.time.MachiClock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The residents' page: the year's public holidays with 和暦 dates and weekdays. */
@Controller
class HolidayPageController {

    /** One line of the list. */
    record Row(LocalDate date, String weekday, String name, boolean sunday, boolean saturday) {}

    private final PublicHolidays holidays;
    private final Clock clock;

    HolidayPageController(PublicHolidays holidays, Clock clock) {
        this.holidays = holidays;
        this.clock = clock;
    }

    @GetMapping("/holidays")
    String page(@RequestParam(required = false) String year, Model model, Locale locale, HttpServletResponse response) {
        int thisYear = LocalDate.now(clock.withZone(MachiClock.ZONE)).getYear();
        thisYear = Math.clamp(thisYear, PublicHolidays.FIRST_YEAR, PublicHolidays.LAST_YEAR);
        Optional<Integer> parsed = year == null ? Optional.of(thisYear) : HolidayYear.parse(year);
        model.addAttribute("thisYear", thisYear);
        model.addAttribute("firstYear", PublicHolidays.FIRST_YEAR);
        model.addAttribute("lastYear", PublicHolidays.LAST_YEAR);
        if (parsed.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("yearProblem", HolidayYear.problem(year));
            model.addAttribute("yearText", year.length() > 20 ? year.substring(0, 20) : year);
            return "holiday/holidays";
        }
        int y = parsed.get();
        List<Row> rows = holidays.inYear(y).stream().map(h -> new Row(h.date(),
            h.date().getDayOfWeek().getDisplayName(TextStyle.FULL, locale), h.name(locale),
            h.date().getDayOfWeek() == DayOfWeek.SUNDAY, h.date().getDayOfWeek() == DayOfWeek.SATURDAY)).toList();
        model.addAttribute("year", y);
        model.addAttribute("yearText", Integer.toString(y));
        model.addAttribute("eraYear", jp.machi.shared.time.Wareki.year(LocalDate.of(y, 12, 31)));
        model.addAttribute("rows", rows);
        model.addAttribute("previousYear", y > PublicHolidays.FIRST_YEAR ? y - 1 : null);
        model.addAttribute("nextYear", y < PublicHolidays.LAST_YEAR ? y + 1 : null);
        return "holiday/holidays";
    }
}
