package jp.machi.reservation.booking.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.machi.identity.AccountSummary;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Booked;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.BookingRefusal;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.internal.BookingService;
import jp.machi.reservation.booking.internal.BookingTerms;
import jp.machi.reservation.booking.internal.BookingViews;
import jp.machi.reservation.booking.internal.Cancellations;
import jp.machi.reservation.money.Refund;
import jp.machi.reservation.web.Params;
import jp.machi.shared.security.BearerHeader;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.web.ApiLanguage;
import jp.machi.shared.web.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bookings for the holder of a Bearer token: book (booked and confirmed at once, at the fee of the rate class, with a
 * reduction asked for), list one's bookings, cancel one. Errors are problem details naming the offending member
 * ({@link BookingApiProblems}).
 */
@RestController
class BookingApiController {

    private final BookingService service;
    private final Bookings bookings;
    private final Bookers bookers;
    private final Cancellations cancellations;
    private final BookingViews views;
    private final MessageSource messages;
    private final ApiProblems problems;

    BookingApiController(BookingService service, Bookings bookings, Bookers bookers, Cancellations cancellations,
                         BookingViews views, MessageSource messages, ApiProblems problems) {
        this.service = service;
        this.bookings = bookings;
        this.bookers = bookers;
        this.cancellations = cancellations;
        this.views = views;
        this.messages = messages;
        this.problems = problems;
    }

    @PostMapping("/api/v1/bookings")
    ResponseEntity<?> book(@Valid @RequestBody BookingBody body,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                HttpServletRequest request) {
        Locale locale = ApiLanguage.of(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", request);
        }
        if (key == null || key.isBlank() || key.length() > 100 || !key.matches("[\\x21-\\x7e]+")) {
            return problem(HttpStatus.BAD_REQUEST, "bad-request", "Idempotency-Key", "reservation.api.key", request);
        }
        try {
            // booked and confirmed at once: fee by rate class, payment deadline, the confirmation mail
            // the terms of the answer come from the rule and hours the booking was checked against (one read each)
            BookingService.BookedNow now = service.bookNowWithTerms(me.accountId(), body.room(), body.date(), body.slot(),
                body.part(), key, body.forCommercialUse(), body.reduction(), readThisRequest(me, request));
            Booked booked = now.booked();
            return ResponseEntity.status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .header("Location", "/api/v1/bookings/" + booked.booking().id())
                .body(view(booked.booking(), now.terms(), locale));
        } catch (Refused e) {
            if (e.refusal() == jp.machi.reservation.money.MoneyRefusal.UNKNOWN_REDUCTION) {
                return problem(HttpStatus.BAD_REQUEST, e.code(), "reduction", "reservation.refusal.unknown-reduction", request);
            }
            if (e.refusal() == BookingRefusal.SUSPENDED) {
                return suspended(me.accountId(), request);
            }
            return refused(e, request);
        } catch (DuplicateKeyException e) {
            // the database's last word: another request took the slot (or used the key) at the same moment
            return problem(HttpStatus.CONFLICT, BookingRefusal.TAKEN.code(), null, "reservation.refusal.taken", request);
        }
    }

    /**
     * The caller's account as the Bearer token's statement read it a moment ago in this request (a request with a Bearer
     * header that got this far was authenticated by it), for the confirmation mail; null for a session, whose principal
     * may be older than the account.
     */
    private static AccountSummary readThisRequest(MachiPrincipal me, HttpServletRequest request) {
        return BearerHeader.present(request)
            ? new AccountSummary(me.accountId(), me.isStaff(), me.displayName(), me.email(), me.preferredLanguage()) : null;
    }

    @GetMapping("/api/v1/bookings")
    ResponseEntity<?> mine(HttpServletRequest request) {
        Locale locale = ApiLanguage.of(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", request);
        }
        return ResponseEntity.ok(bookings.ofBooker(me.accountId()).stream().map(b -> view(b, locale)).toList());
    }

    @Operation(summary = "Cancel one of my bookings",
        description = "Cancels an active booking of the token's holder (until the slot starts), under the same rules as the "
            + "resident's pages: within the rule's grace period after booking (`freeCancellationUntil` on the booking) "
            + "the whole fee comes back and no points are given; after it the refund follows the rule's refund tiers "
            + "(percentage of the fee by days before the day of use), and a cancellation fewer than the rule's "
            + "late-cancellation days before the day of use adds penalty points (reaching the threshold suspends "
            + "booking). What cancelling now would cost is on every active booking of `GET /api/v1/bookings` "
            + "(`refundIfCancelledNow`, `pointsIfCancelledNow`). Answers the cancelled booking with `refund` (yen). "
            + "Errors are RFC 9457 problem details with `code` and, where one is to blame, `parameter`.",
        security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "Cancelled: the booking with \"status\":\"CANCELLED\", \"refund\" and \"cancelledAt\"",
        content = @Content(mediaType = "application/json"))
    @ApiResponse(responseCode = "404", description = "No such booking of yours (\"code\":\"not-found\"); others' bookings answer the same",
        content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "\"code\":\"not-active\" already cancelled or no-show; \"code\":\"too-late\" the slot has started",
        content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No or a bad Bearer token", content = @Content(mediaType = "application/json"))
    @DeleteMapping("/api/v1/bookings/{id}")
    ResponseEntity<?> cancel(@Parameter(description = "The booking number") @PathVariable String id,
                                  HttpServletRequest request) {
        Locale locale = ApiLanguage.of(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", request);
        }
        Long bookingId = Params.id(id).orElse(null);
        if (bookingId == null) {
            return problem(HttpStatus.NOT_FOUND, BookingRefusal.NOT_FOUND.code(), "id", "reservation.refusal.not-found", request);
        }
        try {
            return ResponseEntity.ok(view(cancellations.byBooker(me.accountId(), bookingId), locale));
        } catch (Refused e) {
            return refused(e, request);
        }
    }

    private Map<String, Object> view(Booking b, Locale locale) {
        return view(b, views.terms(b), locale);
    }

    private Map<String, Object> view(Booking b, BookingTerms v, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("roomId", b.roomId());
        m.put("facilityId", b.facilityId());
        m.put("date", b.date().toString());
        m.put("slot", b.slotCode());
        if (b.part() != null) {
            m.put("part", b.part());
        }
        m.put("start", b.start().toString());
        m.put("end", b.end().toString());
        m.put("status", b.status().name());
        m.put("fee", b.fee());
        m.put("feeRule", messages.getMessage("reservation.fee." + b.feeKind(), null, locale) + " ("
            + messages.getMessage("reservation.scope." + b.feeScope(), null, locale) + ")");
        m.put("paid", b.paid());
        m.put("createdAt", b.createdAt().toString());
        if (b.status() == Booking.Status.CANCELLED) {
            m.put("cancelledAt", b.cancelledAt() == null ? null : b.cancelledAt().toString());
            m.put("refund", b.refund());
        } else if (b.active()) {
            Refund refund = v.refundNow();
            m.put("refundIfCancelledNow", refund.amount());
            m.put("refundPercentIfCancelledNow", refund.percent());
            m.put("lateCancellation", refund.late());
            m.put("pointsIfCancelledNow", refund.points());
            if (v.graceUntil() != null && refund.inGrace()) {
                m.put("freeCancellationUntil", v.graceUntil().atZone(MachiClock.ZONE).toOffsetDateTime().toString());
            }
            m.put("refundSteps", v.schedule().stream()
                .map(s -> Map.of("until", s.until().toString(), "percent", s.percent())).toList());
            if (v.lateFrom() != null) {
                m.put("lateCancellationFrom", v.lateFrom().toString());
            }
        }
        m.put("commercial", v.commercial());
        if (v.baseFee() != null && v.baseFee() != b.fee()) {
            m.put("feeBeforeReduction", v.baseFee());
        }
        if (v.reduction() != null) {
            m.put("reduction", Map.of("category", v.reduction().code(), "percent", v.reduction().percent(),
                "state", v.reductionSlug()));
        }
        if (v.paymentDue() && v.paymentDeadline().possible()) {
            // the moment (Tokyo time) by which to pay at the facility's counter, when the counter is open
            m.put("paymentDeadline", v.paymentDeadline().local().toOffsetDateTime().toString());
        }
        if (v.rules() != null) {
            m.put("refundTiers", v.rules().tiers().stream()
                .map(t -> Map.of("daysBefore", t.daysBefore(), "percent", t.percent())).toList());
        }
        return m;
    }

    private ResponseEntity<?> suspended(long accountId, HttpServletRequest request) {
        java.time.LocalDate until = bookers.booker(accountId).map(b -> b.suspendedUntil()).orElse(null);
        if (until == null) {
            return problem(HttpStatus.CONFLICT, BookingRefusal.SUSPENDED.code(), null, "reservation.refusal.suspended", request);
        }
        ResponseEntity<ProblemDetail> answer = problems.answer(request, HttpStatus.CONFLICT, BookingRefusal.SUSPENDED.code(),
            null, "reservation.money.suspendedUntil", until.toString());
        answer.getBody().setProperty("suspendedUntil", until.toString());
        return answer;
    }

    /** A rule said no: 404 for a booking that is not the caller's, else 409, with the refusal's code and message. */
    private ResponseEntity<?> refused(Refused e, HttpServletRequest request) {
        HttpStatus status = e.refusal() == BookingRefusal.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return problem(status, e.code(), null, "reservation.refusal." + e.code(), request);
    }

    private ResponseEntity<?> problem(HttpStatus status, String code, String parameter, String key, HttpServletRequest request) {
        return problems.answer(request, status, code, parameter, key);
    }
}
