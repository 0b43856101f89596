package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityPhotos;
import jp.machi.facility.internal.FacilityService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff add photos to a facility (with alt text in Japanese and English), change the alt text, move photos up or
 * down and delete them. {@link FacilityPhotos} checks the department scope, processes the image and audits.
 * A refused upload or alt text answers 422 with the form again and the message linked to its field.
 */
@Controller
class FacilityPhotoStaffController {

    private final FacilityService facilities;
    private final FacilityPhotos photos;

    FacilityPhotoStaffController(FacilityService facilities, FacilityPhotos photos) {
        this.facilities = facilities;
        this.photos = photos;
    }

    @GetMapping("/staff/facilities/{id}/photos")
    String page(@PathVariable String id, Model model) {
        Facility f = facilities.requireEditable(FacilityStaffController.me(), id);
        return page(model, f, null, null, "", "");
    }

    @PostMapping("/staff/facilities/{id}/photos")
    String add(@PathVariable String id, @RequestParam(required = false) MultipartFile photo,
               @RequestParam(required = false) String altJa, @RequestParam(required = false) String altEn, Model model,
               HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        long me = FacilityStaffController.me();
        Facility f = facilities.requireEditable(me, id);
        try {
            if (photo == null || photo.isEmpty()) {
                throw new FacilityPhotos.Refused("photo", "facility.photo.error.empty");
            }
            if (photo.getSize() > photos.maxBytes()) {
                throw new FacilityPhotos.Refused("photo", "facility.photo.error.tooLarge");
            }
            photos.add(me, id, photo.getBytes(), altJa, altEn);
        } catch (FacilityPhotos.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return page(model, f, e.field(), e.messageKey(), altJa, altEn);
        }
        redirect.addFlashAttribute("saved", "facility.photo.added");
        return "redirect:/staff/facilities/" + id + "/photos";
    }

    @PostMapping("/staff/facilities/{id}/photos/{photoId}")
    String describe(@PathVariable String id, @PathVariable long photoId, @RequestParam(required = false) String altJa,
                    @RequestParam(required = false) String altEn, Model model, HttpServletResponse response,
                    RedirectAttributes redirect) {
        long me = FacilityStaffController.me();
        Facility f = facilities.requireEditable(me, id);
        try {
            photos.describe(me, id, photoId, altJa, altEn);
        } catch (FacilityPhotos.Refused e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("editing", photoId);
            return page(model, f, e.field() + "-" + photoId, e.messageKey(), "", "");
        }
        redirect.addFlashAttribute("saved", "facility.photo.saved");
        return "redirect:/staff/facilities/" + id + "/photos";
    }

    @PostMapping("/staff/facilities/{id}/photos/{photoId}/move")
    String move(@PathVariable String id, @PathVariable long photoId, @RequestParam(required = false) String direction,
                RedirectAttributes redirect) {
        int step = "up".equals(direction) ? -1 : "down".equals(direction) ? 1 : 0;
        if (step == 0) {
            throw new FacilityService.NotFound();
        }
        photos.move(FacilityStaffController.me(), id, photoId, step);
        redirect.addFlashAttribute("saved", "facility.photo.moved");
        return "redirect:/staff/facilities/" + id + "/photos";
    }

    @PostMapping("/staff/facilities/{id}/photos/{photoId}/delete")
    String delete(@PathVariable String id, @PathVariable long photoId, RedirectAttributes redirect) {
        photos.delete(FacilityStaffController.me(), id, photoId);
        redirect.addFlashAttribute("saved", "facility.photo.deleted");
        return "redirect:/staff/facilities/" + id + "/photos";
    }

    private String page(Model model, Facility f, String errorField, String errorKey, String altJa, String altEn) {
        model.addAttribute("f", f);
        model.addAttribute("photos", photos.list(f.id()));
        model.addAttribute("maxPhotos", FacilityPhotos.MAX_PER_FACILITY);
        model.addAttribute("maxMegabytes", photos.maxBytes() / (1024 * 1024));
        model.addAttribute("errorField", errorField);
        model.addAttribute("errorKey", errorKey);
        model.addAttribute("altJa", altJa == null ? "" : altJa);
        model.addAttribute("altEn", altEn == null ? "" : altEn);
        return "facility/staff/photos";
    }
}
