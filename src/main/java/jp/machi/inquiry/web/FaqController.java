package jp.machi.inquiry.web;

import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.machi.inquiry.internal.Faq;
import jp.machi.inquiry.internal.FaqCategory;
import jp.machi.inquiry.internal.FaqRepository;
import jp.machi.inquiry.internal.FeedbackRepository;
import jp.machi.inquiry.internal.SearchVisits;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** FAQ for residents: by life event, one answer per page with "Did this answer your question?". */
@Controller
class FaqController {

    private static final String VOTED = "inquiry.faq.voted";

    private final FaqRepository faqs;
    private final FeedbackRepository feedback;
    private final WardProfile ward;
    private final SearchVisits visits;

    FaqController(FaqRepository faqs, FeedbackRepository feedback, WardProfile ward, SearchVisits visits) {
        this.faqs = faqs;
        this.feedback = feedback;
        this.ward = ward;
        this.visits = visits;
    }

    static boolean staff() {
        return CurrentActor.principal().map(MachiPrincipal::isStaff).orElse(false);
    }

    @GetMapping("/faq")
    String list(@RequestParam(required = false) String category, Model model) {
        boolean staff = staff();
        FaqCategory chosen = category == null || category.isBlank() ? null : FaqCategory.bySlug(category.strip()).orElse(null);
        model.addAttribute("categories", List.of(FaqCategory.values()));
        model.addAttribute("counts", faqs.countsByCategory(staff));
        model.addAttribute("category", chosen);
        model.addAttribute("unknownCategory", chosen == null && category != null && !category.isBlank());
        model.addAttribute("entries", chosen == null ? List.of() : faqs.published(chosen, staff));
        return "inquiry/faq-list";
    }

    @GetMapping("/faq/{id}")
    String show(@PathVariable String id, Model model, HttpSession session) {
        Faq f = visible(id);
        visits.answerOpened(session, f);
        model.addAttribute("faq", f);
        model.addAttribute("department", ward.department(f.departmentCode()).orElse(null));
        model.addAttribute("voted", voted(session).contains(f.id()));
        return "inquiry/faq-show";
    }

    @PostMapping("/faq/{id}/feedback")
    String feedback(@PathVariable String id, @RequestParam(required = false) String resolved, HttpSession session,
                    RedirectAttributes redirect) {
        Faq f = visible(id);
        if (!"yes".equals(resolved) && !"no".equals(resolved)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        Set<Long> voted = voted(session);
        if (voted.add(f.id())) {
            feedback.record(f.id(), f.category(), "yes".equals(resolved), FeedbackRepository.Source.ANSWER);
            session.setAttribute(VOTED, voted);
        }
        redirect.addFlashAttribute("thanks", resolved);
        return "redirect:/faq/" + f.id() + "#feedback";
    }

    @SuppressWarnings("unchecked")
    private static Set<Long> voted(HttpSession session) {
        Object v = session.getAttribute(VOTED);
        return v instanceof Set<?> s ? (Set<Long>) s : new HashSet<>();
    }

    private Faq visible(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Faq f = faqs.find(Long.parseLong(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (f.status() != Faq.Status.PUBLISHED || (f.staffOnly() && !staff())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return f;
    }

}
