package jp.machi.reservation.booking.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.web.ApiProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.DatabindException;

/**
 * A booking body that cannot be read or fails its checks: 400 naming the member ({@code parameter}: {@code roomId},
 * {@code date}, {@code slot}, {@code part}, {@code commercial}, {@code reduction}, or {@code body} when it is no JSON
 * object at all), with a message saying what the member must be. Without a token the answer is 401, whatever the body.
 */
@RestControllerAdvice(assignableTypes = BookingApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BookingApiProblems {

    /** The message of each member. */
    static final Map<String, String> MESSAGES = Map.of("roomId", "reservation.api.roomId", "date", "reservation.api.date",
        "slot", "reservation.api.slot", "part", "reservation.api.part", "commercial", "reservation.money.api.commercial",
        "reduction", "reservation.refusal.unknown-reduction");

    private final ApiProblems problems;

    BookingApiProblems(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<?> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String member = null;
        if (e.getCause() instanceof DatabindException d && !d.getPath().isEmpty()) {
            member = d.getPath().getFirst().getPropertyName();
        }
        return bad(member != null && MESSAGES.containsKey(member) ? member : "body", request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<?> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        // the first member in the body's order that failed
        for (String member : new String[] {"roomId", "date", "slot", "part", "commercial", "reduction"}) {
            if (e.getBindingResult().hasFieldErrors(member)) {
                return bad(member, request);
            }
        }
        return bad("body", request);
    }

    private ResponseEntity<?> bad(String member, HttpServletRequest request) {
        if (CurrentActor.principal().isEmpty()) {
            // who is asking comes first: without a token the body is not looked at (as the controller answers)
            return problems.answer(request, HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn");
        }
        return problems.answer(request, HttpStatus.BAD_REQUEST, "bad-request", member,
            MESSAGES.getOrDefault(member, "reservation.api.body"));
    }
}
