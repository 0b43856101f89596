package jp.machi.facility.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.Category;
import jp.machi.facility.internal.Facility;
import jp.machi.facility.internal.FacilityService;
import jp.machi.facility.internal.HolidayRule;
import jp.machi.facility.internal.HoursRules;
import jp.machi.facility.internal.Room;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.text.LocalizedText;
import jp.machi.shared.web.Forms;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Staff keep a facility's rooms (室場): add, edit, delete. The service checks the department scope and audits. */
@Controller
class FacilityRoomStaffController {

    /** A room (室場). */
    record RoomForm(
        @NotBlank(message = "{facility.error.nameJa}") @Size(max = 200, message = "{facility.error.nameJa}") String nameJa,
        @Size(max = 200, message = "{facility.error.text}") String nameEn,
        String capacity, String floorArea,
        @Size(max = 2000, message = "{facility.error.longText}") String equipment,
        String bookable) {}

    private final FacilityService service;

    FacilityRoomStaffController(FacilityService service) {
        this.service = service;
    }

    private static long me() {
        return FacilityStaffController.me();
    }

    @GetMapping("/staff/facilities/{id}/rooms")
    String rooms(@PathVariable String id, Model model) {
        Facility f = service.requireEditable(me(), id);
        model.addAttribute("form", new RoomForm("", "", "", "", "", "true"));
        return roomsPage(model, f);
    }

    @PostMapping("/staff/facilities/{id}/rooms")
    String addRoom(@PathVariable String id, @Valid @ModelAttribute("form") RoomForm form, BindingResult errors, Model model,
                   HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        Facility f = service.requireEditable(me, id);
        Room room = room(form, 0, id, 100, errors);
        if (!errors.hasErrors()) {
            service.addRoom(me, room);
            redirect.addFlashAttribute("saved", "facility.staff.roomAdded");
            return "redirect:/staff/facilities/" + id + "/rooms";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return roomsPage(model, f);
    }

    @GetMapping("/staff/facilities/{id}/rooms/{roomId}")
    String editRoom(@PathVariable String id, @PathVariable long roomId, Model model) {
        Facility f = service.requireEditable(me(), id);
        Room r = ownRoom(id, roomId);
        model.addAttribute("form", new RoomForm(r.nameJa(), r.nameEn(), r.capacity() == null ? "" : r.capacity().toString(),
            r.floorAreaM2() == null ? "" : r.floorAreaM2().stripTrailingZeros().toPlainString(), r.equipment(),
            r.bookable() ? "true" : null));
        return roomPage(model, f, r);
    }

    @PostMapping("/staff/facilities/{id}/rooms/{roomId}")
    String updateRoom(@PathVariable String id, @PathVariable long roomId, @Valid @ModelAttribute("form") RoomForm form,
                      BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Forms.requireReadable(errors);
        long me = me();
        Facility f = service.requireEditable(me, id);
        Room before = ownRoom(id, roomId);
        Room room = room(form, roomId, id, before.sortOrder(), errors);
        if (!errors.hasErrors()) {
            service.updateRoom(me, room);
            redirect.addFlashAttribute("saved", "facility.staff.roomSaved");
            return "redirect:/staff/facilities/" + id + "/rooms";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return roomPage(model, f, before);
    }

    @PostMapping("/staff/facilities/{id}/rooms/{roomId}/delete")
    String deleteRoom(@PathVariable String id, @PathVariable long roomId, RedirectAttributes redirect) {
        service.deleteRoom(me(), id, roomId);
        redirect.addFlashAttribute("saved", "facility.staff.roomDeleted");
        return "redirect:/staff/facilities/" + id + "/rooms";
    }

    private Room ownRoom(String facilityId, long roomId) {
        return service.room(roomId).filter(r -> r.facilityId().equals(facilityId)).orElseThrow(FacilityService.NotFound::new);
    }

    private static Room room(RoomForm form, long id, String facilityId, int sortOrder, BindingResult errors) {
        boolean[] badCapacity = new boolean[1];
        Integer capacity = StaffInput.count(form.capacity(), 100_000, badCapacity);
        if (badCapacity[0]) {
            errors.rejectValue("capacity", "facility.error.capacity");
        }
        boolean[] badArea = new boolean[1];
        var area = StaffInput.area(form.floorArea(), badArea);
        if (badArea[0]) {
            errors.rejectValue("floorArea", "facility.error.area");
        }
        String nameJa = StaffInput.text(form.nameJa());
        return new Room(id, facilityId, nameJa == null ? "" : nameJa, StaffInput.text(form.nameEn()), capacity, area,
            StaffInput.text(form.equipment()), "true".equals(form.bookable()), sortOrder, false);
    }

    private String roomsPage(Model model, Facility f) {
        model.addAttribute("f", f);
        model.addAttribute("rooms", service.rooms(f.id()));
        return "facility/staff/rooms";
    }

    private String roomPage(Model model, Facility f, Room r) {
        model.addAttribute("f", f);
        model.addAttribute("room", r);
        return "facility/staff/room";
    }
}
