package jp.machi.reservation.booking.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import jp.machi.reservation.booking.Booker;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Residency;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.ResidentPages;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Booker registration (利用者登録): a resident declares living, working or studying in the ward (or not); staff acting
 * for them at a counter record the kind of document they saw. A slot asked for before registering is carried through.
 */
@Controller
class BookerRegistrationController {

    private static final String SLOT = "[a-z0-9-]{1,16}";

    private final Bookers bookers;

    BookerRegistrationController(Bookers bookers) {
        this.bookers = bookers;
    }

    @GetMapping("/account/bookings/registration")
    String registration(@RequestParam(required = false) String room, @RequestParam(required = false) String date,
                        @RequestParam(required = false) String slot, @RequestParam(required = false) String part,
                        Model model) {
        model.addAttribute("booker", bookers.booker(ResidentPages.accountId()).orElse(null));
        model.addAttribute("choices", Residency.values());
        model.addAttribute("atCounter", CurrentActor.actingFor().isPresent());
        model.addAttribute("evidenceKinds", Booker.EVIDENCE_KINDS);
        model.addAttribute("room", Params.id(room).orElse(null));
        model.addAttribute("date", Params.date(date));
        model.addAttribute("slot", slot != null && slot.matches(SLOT) ? slot : null);
        model.addAttribute("part", part != null && part.matches(RoomPart.CODE) ? part : null);
        return "reservation/booking/registration";
    }

    @PostMapping("/account/bookings/registration")
    String register(@RequestParam(required = false) String residency, @RequestParam(required = false) String room,
                    @RequestParam(required = false) String date, @RequestParam(required = false) String slot,
                    @RequestParam(required = false) String part,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Residency chosen = residency(residency);
        if (chosen == null) {
            response.setStatus(400);
            model.addAttribute("missing", true);
            return registration(room, date, slot, part, model);
        }
        bookers.register(ResidentPages.accountId(), chosen);
        Long roomId = Params.id(room).orElse(null);
        LocalDate d = Params.date(date);
        if (roomId != null && d != null && slot != null && slot.matches(SLOT)) {
            return "redirect:/account/bookings/new?room=" + roomId + "&date=" + d + "&slot=" + slot
                + (part != null && part.matches(RoomPart.CODE) ? "&part=" + part : "");
        }
        redirect.addFlashAttribute("registered", true);
        return "redirect:/account/bookings";
    }

    /**
     * Staff at the counter, acting for the resident (代理入力), record that they saw a document for the residency: the
     * kind of document and the residency it shows. Only while acting for someone (403 otherwise); a bad choice is a
     * 400 with the page and its message; nothing is written then.
     */
    @PostMapping("/account/bookings/registration/evidence")
    String evidence(@RequestParam(required = false) String kind, @RequestParam(required = false) String residency,
                    Model model, HttpServletResponse response, RedirectAttributes redirect) {
        long staffId = CurrentActor.actingFor().flatMap(p -> CurrentActor.principal()).filter(MachiPrincipal::isStaff)
            .map(MachiPrincipal::accountId)
            .orElseThrow(() -> new AccessDeniedException("staff acting for a resident only"));
        Residency confirmed = residency(residency);
        if (confirmed == null || kind == null || !Booker.EVIDENCE_KINDS.contains(kind)) {
            response.setStatus(400);
            model.addAttribute("evidenceError", confirmed == null ? "residency" : "kind");
            return registration(null, null, null, null, model);
        }
        if (!bookers.confirmEvidence(ResidentPages.accountId(), confirmed, kind, staffId)) {
            response.setStatus(409);
            model.addAttribute("evidenceError", "notRegistered");
            return registration(null, null, null, null, model);
        }
        redirect.addFlashAttribute("evidenceChecked", true);
        return "redirect:/account/bookings/registration";
    }

    private static Residency residency(String value) {
        for (Residency r : Residency.values()) {
            if (r.name().equals(value)) {
                return r;
            }
        }
        return null;
    }
}
