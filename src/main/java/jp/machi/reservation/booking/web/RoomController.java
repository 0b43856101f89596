package jp.machi.reservation.booking.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.web.Params;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A room's availability for residents: a week or a month of slots, the whole room or one part. */
@Controller
class RoomController {

    private final BookableRooms rooms;

    RoomController(BookableRooms rooms) {
        this.rooms = rooms;
    }

    /** One row of the availability table: a day and its slots in template order. */
    record DayRow(LocalDate date, List<Availability> cells) {}

    @GetMapping("/reservations/rooms/{roomId}")
    String room(@PathVariable String roomId, @RequestParam(required = false) String start,
                @RequestParam(required = false) String period, @RequestParam(required = false) String part, Model model) {
        BookableRoom room = Params.id(roomId).flatMap(rooms::room)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<RoomPart> roomParts = rooms.parts(room.room().id());
        RoomPart unit = part == null || part.isEmpty() ? null : roomParts.stream().filter(p -> p.code().equals(part))
            .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean month = "month".equals(period);
        LocalDate today = rooms.today();
        LocalDate from = Params.date(start);
        if (from == null || from.isBefore(today.minusDays(31)) || from.isAfter(today.plusYears(2))) {
            from = month ? today.withDayOfMonth(1) : BookableRooms.weekStart(today);
        }
        LocalDate to = month ? from.plusMonths(1).minusDays(1) : from.plusDays(6);
        Map<LocalDate, List<Availability>> byDay = new LinkedHashMap<>();
        for (Availability a : rooms.availability(room, unit == null ? null : unit.code(), from, to)) {
            byDay.computeIfAbsent(a.date(), d -> new ArrayList<>()).add(a);
        }
        model.addAttribute("room", room);
        model.addAttribute("parts", roomParts);
        model.addAttribute("part", unit);
        model.addAttribute("partCode", unit == null ? null : unit.code());
        model.addAttribute("rows", byDay.entrySet().stream().map(e -> new DayRow(e.getKey(), e.getValue())).toList());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("month", month);
        model.addAttribute("previous", month ? from.minusMonths(1) : from.minusDays(7));
        model.addAttribute("next", month ? from.plusMonths(1) : from.plusDays(7));
        return "reservation/booking/room";
    }
}
