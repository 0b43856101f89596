package jp.machi.inquiry.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import jp.machi.inquiry.internal.ChildConsultation;
import jp.machi.inquiry.internal.Texts;
import jp.machi.shared.security.CurrentActor;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Designated staff answer the children's consultation threads (the staff of the configured department). */
@Controller
class StaffChildController {

    private final ChildConsultation consultation;
    private final WardProfile ward;
    private final MessageSource messages;

    StaffChildController(ChildConsultation consultation, WardProfile ward, MessageSource messages) {
        this.consultation = consultation;
        this.ward = ward;
        this.messages = messages;
    }

    private long designated() {
        long me = CurrentActor.principal().orElseThrow().accountId();
        if (!consultation.designated(me)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return me;
    }

    @GetMapping("/staff/children")
    String queue(@RequestParam(required = false) String closed, Model model, Locale locale) {
        long me = CurrentActor.principal().orElseThrow().accountId();
        model.addAttribute("designated", consultation.designated(me));
        model.addAttribute("department", ward.department(consultation.department()).map(d -> d.label(locale))
            .orElse(consultation.department()));
        model.addAttribute("threads", consultation.designated(me) ? consultation.queue("yes".equals(closed)) : java.util.List.of());
        model.addAttribute("includeClosed", "yes".equals(closed));
        return "inquiry/staff/children";
    }

    @GetMapping("/staff/children/{id}")
    String show(@PathVariable long id, Model model) {
        long me = designated();
        model.addAttribute("thread", consultation.openForStaff(me, id));
        model.addAttribute("messages", consultation.messages(id));
        model.addAttribute("error", null);
        return "inquiry/staff/child-thread";
    }

    @PostMapping("/staff/children/{id}/reply")
    String reply(@PathVariable long id, @RequestParam(required = false) String text, Model model, Locale locale,
                 HttpServletResponse response, RedirectAttributes redirect) {
        long me = designated();
        String t = Texts.clean(text);
        if (t.isEmpty() || t.length() > ChildConsultation.MAX_TEXT) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("thread", consultation.openForStaff(me, id));
            model.addAttribute("messages", consultation.messages(id));
            model.addAttribute("error", messages.getMessage(t.isEmpty() ? "inquiry.staff.error.reply"
                : "inquiry.children.error.long", new Object[] {ChildConsultation.MAX_TEXT}, locale));
            model.addAttribute("text", t);
            return "inquiry/staff/child-thread";
        }
        consultation.staffReplies(me, id, t);
        redirect.addFlashAttribute("done", "replied");
        return "redirect:/staff/children/" + id;
    }

    @PostMapping("/staff/children/{id}/close")
    String close(@PathVariable long id, @RequestParam(required = false) String reopen, RedirectAttributes redirect) {
        long me = designated();
        consultation.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        consultation.close(me, id, !"yes".equals(reopen));
        redirect.addFlashAttribute("done", "yes".equals(reopen) ? "reopened" : "closed");
        return "redirect:/staff/children/" + id;
    }
}
