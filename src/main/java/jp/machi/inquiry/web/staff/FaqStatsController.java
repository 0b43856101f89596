package jp.machi.inquiry.web.staff;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.machi.inquiry.internal.Faq;
import jp.machi.inquiry.internal.FaqCategory;
import jp.machi.inquiry.internal.FaqRepository;
import jp.machi.inquiry.internal.FeedbackRepository;
import jp.machi.inquiry.internal.SearchVisits;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The self-resolution rate for staff: by month (a bar chart as inline SVG, drawn on the server, and the same figures
 * in a table), by category and by FAQ entry.
 */
@Controller
class FaqStatsController {

    static final int MONTHS = 12;

    /** One bar of the chart, in SVG user units. */
    record Bar(String label, int percent, double x, double y, double height, double labelX, long total) {}

    private final FeedbackRepository feedback;
    private final FaqRepository faqs;
    private final Clock clock;
    private final SearchVisits visits;

    FaqStatsController(FeedbackRepository feedback, FaqRepository faqs, Clock clock, SearchVisits visits) {
        this.visits = visits;
        this.feedback = feedback;
        this.faqs = faqs;
        this.clock = clock;
    }

    @GetMapping("/staff/faq/stats")
    String stats(Model model, Locale locale) {
        java.time.Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, MachiClock.ZONE);
        List<FeedbackRepository.Figures> months = feedback.byMonth(today, MONTHS, now);
        model.addAttribute("months", months);
        model.addAttribute("windowMinutes", visits.window().toMinutes());
        model.addAttribute("bars", bars(months));
        model.addAttribute("categories", feedback.byCategory(now).stream()
            .map(f -> Map.entry(FaqCategory.bySlug(f.key()).orElse(FaqCategory.OTHER), f)).toList());
        List<FeedbackRepository.Figures> byFaq = feedback.byFaq(50, now);
        Map<String, Faq> entries = byFaq.stream().map(f -> faqs.find(Long.parseLong(f.key())).orElse(null))
            .filter(java.util.Objects::nonNull).collect(Collectors.toMap(f -> Long.toString(f.id()), f -> f));
        model.addAttribute("byFaq", byFaq);
        model.addAttribute("entries", entries);
        long resolved = months.stream().mapToLong(FeedbackRepository.Figures::resolved).sum();
        long unresolved = months.stream().mapToLong(FeedbackRepository.Figures::unresolved).sum();
        model.addAttribute("total", new FeedbackRepository.Figures("all", resolved, unresolved,
            months.stream().mapToLong(FeedbackRepository.Figures::searchesResolved).sum(),
            months.stream().mapToLong(FeedbackRepository.Figures::searchesToInquiry).sum()));
        return "inquiry/staff/stats";
    }

    /** Bars of 0–100 % in a 600 × 240 box: 40 units for the axis labels, 12 slots of 45 units. */
    static List<Bar> bars(List<FeedbackRepository.Figures> months) {
        double top = 20;
        double plot = 180;
        double slot = 540.0 / Math.max(1, months.size());
        java.util.ArrayList<Bar> out = new java.util.ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            FeedbackRepository.Figures m = months.get(i);
            int p = Math.max(0, m.percent());
            double h = plot * p / 100.0;
            double x = 50 + i * slot + slot * 0.15;
            out.add(new Bar(m.key().substring(5) , m.percent(), x, top + plot - h, h, x + slot * 0.35, m.total()));
        }
        return out;
    }
}
