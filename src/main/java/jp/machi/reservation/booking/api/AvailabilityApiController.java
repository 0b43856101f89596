package jp.machi.reservation.booking.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.web.Params;
import jp.machi.shared.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The availability of a room (or one part) for anyone: the state of every slot from one day to another. */
@RestController
class AvailabilityApiController {

    private final BookableRooms rooms;
    private final ApiProblems problems;

    AvailabilityApiController(BookableRooms rooms, ApiProblems problems) {
        this.rooms = rooms;
        this.problems = problems;
    }

    @GetMapping("/api/v1/rooms/{roomId}/availability")
    ResponseEntity<?> availability(@PathVariable String roomId, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String part, HttpServletRequest request) {
        BookableRoom room = Params.id(roomId).flatMap(rooms::room).orElse(null);
        if (room == null) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "roomId", "reservation.api.roomNotFound", request);
        }
        LocalDate start = Params.date(from);
        if (start == null) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", "from", "reservation.api.date", request);
        }
        LocalDate end = Params.date(to);
        if (end == null) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", "to", "reservation.api.date", request);
        }
        if (end.isBefore(start) || end.isAfter(start.plusDays(BookableRooms.MAX_RANGE_DAYS - 1))) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", "to", "reservation.api.range", request,
                BookableRooms.MAX_RANGE_DAYS);
        }
        if (part != null && rooms.part(room.room().id(), part).isEmpty()) {
            List<RoomPart> parts = rooms.parts(room.room().id());
            return problem(HttpStatus.NOT_FOUND, "not-found", "part",
                parts.isEmpty() ? "reservation.refusal.not-splittable" : "reservation.refusal.unknown-part", request);
        }
        List<Map<String, Object>> cells = rooms.availability(room, part, start, end).stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", a.date().toString());
            m.put("slot", a.slot().code());
            if (part != null) {
                m.put("part", part);
            }
            m.put("start", a.slot().start().toString());
            m.put("end", a.slot().end().toString());
            m.put("status", a.status().slug());
            if (a.status() == Availability.Status.CLOSED) {
                m.put("reason", a.reason());
            }
            return m;
        }).toList();
        return ResponseEntity.ok(cells);
    }

    private ResponseEntity<?> problem(HttpStatus status, String code, String parameter, String key,
                                           HttpServletRequest request, Object... args) {
        return problems.answer(request, status, code, parameter, key, args);
    }
}
