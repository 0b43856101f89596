package jp.machi.reservation.legacy.web;

import java.util.List;
import jp.machi.reservation.legacy.internal.LegacyImport;
import jp.machi.reservation.web.Params;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Residents take over the bookings imported from the legacy system under their own (verified) e-mail address. Not
 * while a staff member acts for them: the address is the person's proof.
 */
@Controller
class LegacyClaimController {

    private final LegacyImport imports;

    LegacyClaimController(LegacyImport imports) {
        this.imports = imports;
    }

    private static MachiPrincipal resident() {
        return CurrentActor.principal().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }

    @GetMapping("/account/bookings/imported")
    String claimable(Model model) {
        var me = resident();
        model.addAttribute("claimable", CurrentActor.actingFor().isPresent() ? List.of() : imports.claimable(me.email()));
        model.addAttribute("proxy", CurrentActor.actingFor().isPresent());
        return "reservation/legacy/claim";
    }

    @PostMapping("/account/bookings/imported/{id}/claim")
    String claim(@PathVariable String id, RedirectAttributes redirect) {
        var me = resident();
        if (CurrentActor.actingFor().isPresent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        long legacy = Params.id(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        int taken = imports.claim(me.accountId(), me.email(), legacy);
        if (taken < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("claimed", taken);
        return "redirect:/account/bookings/imported";
    }
}
