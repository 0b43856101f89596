package jp.machi.reservation.legacy.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.machi.facility.FacilitySummary;
import jp.machi.reservation.legacy.internal.LegacyImport;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.web.Params;
import jp.machi.reservation.web.StaffPages;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Legacy import: staff upload a CSV, see every row checked (a preview), and commit it all or nothing. Rooms must be in
 * facilities the staff member may see.
 */
@Controller
class ImportStaffController {

    private final LegacyImport imports;
    private final RoomRules staff;

    ImportStaffController(LegacyImport imports, RoomRules staff) {
        this.imports = imports;
        this.staff = staff;
    }

    private Set<String> allowed(long me) {
        return staff.facilitiesFor(me).keySet().stream().map(FacilitySummary::id).collect(Collectors.toSet());
    }

    @GetMapping("/staff/reservations/import")
    String form(Model model) {
        StaffPages.staffId();
        model.addAttribute("maxMb", LegacyImport.MAX_BYTES / 1024 / 1024);
        return "reservation/legacy/staff/import";
    }

    @PostMapping("/staff/reservations/import")
    String upload(@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response)
        throws IOException {
        long me = StaffPages.staffId();
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("missing", true);
            return form(model);
        }
        if (file.getSize() > LegacyImport.MAX_BYTES) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            model.addAttribute("tooLarge", true);
            return form(model);
        }
        String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
        name = name.length() > 200 ? name.substring(0, 200) : name;
        long id = imports.store(me, name, file.getBytes());
        return "redirect:/staff/reservations/import/" + id;
    }

    @GetMapping("/staff/reservations/import/{id}")
    String preview(@PathVariable String id, Model model) {
        long me = StaffPages.staffId();
        var stored = Params.id(id).flatMap(i -> imports.stored(me, i))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<String> allowed = allowed(me);
        model.addAttribute("stored", stored);
        model.addAttribute("preview", imports.check(stored.content(), allowed::contains));
        return "reservation/legacy/staff/import-preview";
    }

    @PostMapping("/staff/reservations/import/{id}/commit")
    String commit(@PathVariable String id, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        long me = StaffPages.staffId();
        var stored = Params.id(id).flatMap(i -> imports.stored(me, i))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<String> allowed = allowed(me);
        try {
            var result = imports.commit(me, stored.id(), allowed::contains);
            redirect.addFlashAttribute("result", result);
            return "redirect:/staff/reservations/import/" + stored.id();
        } catch (LegacyImport.ImportRefused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("stored", stored);
            model.addAttribute("preview", new LegacyImport.Preview("", List.of(), e.problems()));
            return "reservation/legacy/staff/import-preview";
        }
    }
}
