package jp.machi.report.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.ReportReader;
import jp.machi.report.internal.ReportStatistics;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public statistics page: published reports of the last 12 months by category and month, the share resolved
 * and the median days to resolve. The chart is server-rendered SVG; the tables carry the same figures.
 */
@Controller
class ReportStatsController {

    static final int MONTHS = 12;

    /** One bar of the chart, in SVG user units (the view box is 360 × 200). */
    public record Bar(String label, String month, long total, long resolved, int x, int y, int height, int resolvedY,
                      int resolvedHeight) {}

    /** One row of the category × month table. */
    public record Row(String category, List<Long> counts, long total) {}

    private final ReportStatistics statistics;
    private final ReportReader categories;
    private final Clock clock;

    ReportStatsController(ReportStatistics statistics, ReportReader categories, Clock clock) {
        this.statistics = statistics;
        this.categories = categories;
        this.clock = clock;
    }

    @GetMapping("/reports/stats")
    String stats(Model model, Locale locale) {
        YearMonth now = YearMonth.from(LocalDate.now(clock.withZone(MachiClock.ZONE)));
        YearMonth first = now.minusMonths(MONTHS - 1);
        var from = first.atDay(1).atStartOfDay(MachiClock.ZONE).toInstant();
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
            months.add(m);
        }
        List<ReportStatistics.Cell> cells = statistics.byCategoryAndMonth(from);
        Map<YearMonth, long[]> perMonth = new LinkedHashMap<>();
        months.forEach(m -> perMonth.put(m, new long[2]));
        for (ReportStatistics.Cell c : cells) {
            long[] t = perMonth.get(c.month());
            if (t != null) {
                t[0] += c.total();
                t[1] += c.resolved();
            }
        }
        long max = Math.max(1, perMonth.values().stream().mapToLong(t -> t[0]).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (var e : perMonth.entrySet()) {
            int h = (int) Math.round(150.0 * e.getValue()[0] / max);
            int rh = (int) Math.round(150.0 * e.getValue()[1] / max);
            bars.add(new Bar(String.valueOf(e.getKey().getMonthValue()), month(e.getKey(), locale), e.getValue()[0],
                e.getValue()[1], 8 + i * 29, 170 - h, h, 170 - rh, rh));
            i++;
        }
        Map<String, Category> cats = categories.categories(false).stream()
            .collect(Collectors.toMap(Category::code, Function.identity()));
        Map<String, Map<YearMonth, Long>> matrix = ReportStatistics.matrix(cells);
        List<Row> rows = new ArrayList<>();
        for (Category c : categories.categories(false)) {
            Map<YearMonth, Long> m = matrix.get(c.code());
            if (m == null) {
                continue;
            }
            List<Long> counts = months.stream().map(x -> m.getOrDefault(x, 0L)).toList();
            rows.add(new Row(c.name(locale), counts, counts.stream().mapToLong(Long::longValue).sum()));
        }
        List<ReportStatistics.Summary> summaries = statistics.summaries(from);
        ReportStatistics.Summary overall = summaries.stream().filter(s -> s.category() == null).findFirst()
            .orElse(new ReportStatistics.Summary(null, 0, 0, null));
        model.addAttribute("months", months.stream().map(m -> month(m, locale)).toList());
        model.addAttribute("bars", bars);
        model.addAttribute("rows", rows);
        model.addAttribute("overall", overall);
        model.addAttribute("summaries", summaries.stream().filter(s -> s.category() != null).toList());
        model.addAttribute("categoryNames", cats.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name(locale))));
        model.addAttribute("period", new String[] {month(first, locale), month(now, locale)});
        return "report/stats";
    }

    static String month(YearMonth m, Locale locale) {
        return "en".equals(locale.getLanguage())
            ? m.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + m.getYear()
            : m.getYear() + "年" + m.getMonthValue() + "月";
    }

    static String days(Double d) {
        return d == null ? null : String.format(Locale.ROOT, "%.1f", d);
    }
}
