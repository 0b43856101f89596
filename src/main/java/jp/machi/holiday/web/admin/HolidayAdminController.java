package jp.machi.holiday.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.machi.holiday.internal.HolidayCsv;
import jp.machi.holiday.internal.HolidayService;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * System admins load the Cabinet Office CSV, see which years it covers and where it disagrees with our
 * calculation, and clear it. All-or-nothing: a file with any bad row changes nothing.
 */
@Controller
@RequestMapping("/admin/holidays")
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class HolidayAdminController {

    /** A problem of the uploaded file, already in the reader's language. */
    record ProblemRow(int line, String message) {}

    /** A run of consecutive covered years, e.g. 1955–2027. */
    record YearRange(int from, int to) {
        String label() {
            return from == to ? Integer.toString(from) : from + "–" + to;
        }
    }

    private final HolidayService holidays;
    private final MessageSource messages;

    HolidayAdminController(HolidayService holidays, MessageSource messages) {
        this.holidays = holidays;
        this.messages = messages;
    }

    @GetMapping
    String page(Model model) {
        return render(model);
    }

    @PostMapping
    String upload(@RequestParam(value = "file", required = false) MultipartFile file, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        HolidayCsv.Result result;
        if (file == null || file.isEmpty()) {
            result = HolidayCsv.read(new byte[0]);
        } else if (file.getSize() > HolidayCsv.MAX_BYTES) {
            result = HolidayCsv.read(new byte[HolidayCsv.MAX_BYTES + 1]);
        } else {
            result = HolidayCsv.read(file.getBytes());
        }
        if (!result.ok()) {
            List<ProblemRow> problems = new ArrayList<>();
            for (HolidayCsv.Problem p : result.problems()) {
                Object[] args = p.code().equals("holiday.csv.tooLarge") || p.code().equals("holiday.csv.header")
                    ? new Object[] {HolidayCsv.MAX_BYTES / 1024 / 1024, HolidayCsv.HEADER} : p.args().toArray();
                problems.add(new ProblemRow(p.line(), messages.getMessage(p.code(), args, locale)));
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", problems);
            model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
            return render(model);
        }
        HolidayService.LoadOutcome outcome = holidays.load(result.rows(), file.getOriginalFilename(), result.encoding());
        redirect.addFlashAttribute("loaded", outcome);
        return "redirect:/admin/holidays";
    }

    @PostMapping("/clear")
    String clear(RedirectAttributes redirect) {
        redirect.addFlashAttribute("cleared", holidays.clear());
        return "redirect:/admin/holidays";
    }

    private String render(Model model) {
        List<Integer> years = holidays.coveredYears();
        List<YearRange> ranges = new ArrayList<>();
        for (int y : years) {
            if (!ranges.isEmpty() && ranges.getLast().to() == y - 1) {
                ranges.set(ranges.size() - 1, new YearRange(ranges.getLast().from(), y));
            } else {
                ranges.add(new YearRange(y, y));
            }
        }
        model.addAttribute("coveredRanges", ranges.stream().map(YearRange::label).toList());
        model.addAttribute("coveredCount", years.size());
        model.addAttribute("lastLoad", holidays.lastLoad().orElse(null));
        model.addAttribute("differences", holidays.differences());
        model.addAttribute("maxMegabytes", HolidayCsv.MAX_BYTES / 1024 / 1024);
        return "holiday/admin/holidays";
    }
}
