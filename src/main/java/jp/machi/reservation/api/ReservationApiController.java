package jp.machi.reservation.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.reservation.internal.Availability;
import jp.machi.reservation.internal.Booking;
import jp.machi.reservation.internal.Money;
import jp.machi.reservation.internal.Refusal;
import jp.machi.reservation.internal.ReservationException;
import jp.machi.reservation.internal.ReservationService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The reservation API: availability for anyone, bookings for the holder of a Bearer token. */
@RestController
class ReservationApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 4096;

    private final ReservationService service;
    private final Money money;
    private final MessageSource messages;
    private final jp.machi.reservation.internal.RoomParts parts;

    ReservationApiController(ReservationService service, Money money, MessageSource messages,
                             jp.machi.reservation.internal.RoomParts parts) {
        this.service = service;
        this.money = money;
        this.messages = messages;
        this.parts = parts;
    }

    @GetMapping("/api/v1/rooms/{roomId}/availability")
    ResponseEntity<Object> availability(@PathVariable String roomId, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String part, HttpServletRequest request) {
        Locale locale = language(request);
        Long id = parseId(roomId);
        var room = id == null ? java.util.Optional.<ReservationService.BookableRoom>empty() : service.bookableRoom(id);
        if (room.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "not-found", "roomId", "reservation.api.roomNotFound", locale);
        }
        LocalDate start = parseDate(from);
        if (start == null) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "from", "reservation.api.date", locale);
        }
        LocalDate end = parseDate(to);
        if (end == null) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "to", "reservation.api.date", locale);
        }
        if (end.isBefore(start) || end.isAfter(start.plusDays(ReservationService.MAX_RANGE_DAYS - 1))) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "to", "reservation.api.range", locale);
        }
        if (part != null && (!part.matches(jp.machi.reservation.internal.RoomParts.CODE)
                             || parts.find(room.get().room().id(), part).isEmpty())) {
            return error(HttpStatus.NOT_FOUND, "not-found", "part",
                parts.of(room.get().room().id()).isEmpty() ? "reservation.refusal.not-splittable"
                    : "reservation.refusal.unknown-part", locale);
        }
        List<Map<String, Object>> cells = service.availability(room.get(), part, start, end).stream().map(a -> {
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

    @PostMapping("/api/v1/bookings")
    ResponseEntity<Object> book(@RequestBody(required = false) String body,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                HttpServletRequest request) {
        Locale locale = language(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", locale);
        }
        if (key == null || key.isBlank() || key.length() > 100 || !key.matches("[\\x21-\\x7e]+")) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "Idempotency-Key", "reservation.api.key", locale);
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "body", "reservation.api.body", locale);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "body", "reservation.api.body", locale);
        }
        if (json == null || !json.isObject()) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "body", "reservation.api.body", locale);
        }
        JsonNode roomNode = json.path("roomId");
        // Long.valueOf: with a bare asLong() the conditional is of type long and unboxes parseId's null (a 500)
        Long roomId = roomNode.isIntegralNumber() && roomNode.canConvertToLong() ? Long.valueOf(roomNode.asLong())
            : roomNode.isString() ? parseId(roomNode.asString()) : null;
        if (roomId == null) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "roomId", "reservation.api.roomId", locale);
        }
        LocalDate date = json.path("date").isString() ? parseDate(json.path("date").asString()) : null;
        if (date == null) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "date", "reservation.api.date", locale);
        }
        String slot = json.path("slot").isString() ? json.path("slot").asString() : null;
        if (slot == null || slot.isBlank() || slot.length() > 16) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "slot", "reservation.api.slot", locale);
        }
        JsonNode partNode = json.path("part");
        String part = null;
        if (!partNode.isMissingNode() && !partNode.isNull()) {
            part = partNode.isString() ? partNode.asString() : null;
            if (part == null || !part.matches(jp.machi.reservation.internal.RoomParts.CODE)) {
                return error(HttpStatus.BAD_REQUEST, "bad-request", "part", "reservation.api.part", locale);
            }
        }
        JsonNode commercialNode = json.path("commercial");
        if (!commercialNode.isMissingNode() && !commercialNode.isBoolean()) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "commercial", "reservation.money.api.commercial", locale);
        }
        JsonNode reductionNode = json.path("reduction");
        if (!reductionNode.isMissingNode() && !reductionNode.isNull() && !reductionNode.isString()) {
            return error(HttpStatus.BAD_REQUEST, "bad-request", "reduction", "reservation.refusal.unknown-reduction", locale);
        }
        String reduction = reductionNode.isString() ? reductionNode.asString() : null;
        try {
            money.reduction(reduction);
        } catch (ReservationException e) {
            return error(HttpStatus.BAD_REQUEST, e.refusal().code(), "reduction", "reservation.refusal.unknown-reduction", locale);
        }
        try {
            // a hold confirmed at once: fee by rate class, payment deadline, the confirmation mail
            ReservationService.Booked booked = money.bookNow(me.accountId(), roomId, date, slot, part, key,
                commercialNode.asBoolean(false), reduction);
            return ResponseEntity.status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .header("Location", "/api/v1/bookings/" + booked.booking().id())
                .body(view(booked.booking(), locale));
        } catch (ReservationException e) {
            if (e.refusal() == Refusal.SUSPENDED) {
                return suspended(me.accountId(), locale);
            }
            HttpStatus status = e.refusal() == Refusal.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return error(status, e.refusal().code(), null, "reservation.refusal." + e.refusal().code(), locale);
        } catch (DuplicateKeyException e) {
            // the database's last word: another request took the slot (or used the key) at the same moment
            return error(HttpStatus.CONFLICT, Refusal.TAKEN.code(), null, "reservation.refusal.taken", locale);
        }
    }

    @GetMapping("/api/v1/bookings")
    ResponseEntity<Object> mine(HttpServletRequest request) {
        Locale locale = language(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", locale);
        }
        return ResponseEntity.ok(service.bookingsOf(me.accountId()).stream().map(b -> view(b, locale)).toList());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Cancel one of my bookings",
        description = "Cancels an active booking of the token's holder (until the slot starts). The refund follows the "
            + "rule's refund tiers (percentage of the fee by days before the day of use); a cancellation fewer than the "
            + "rule's late-cancellation days before the day of use adds penalty points, and reaching the threshold "
            + "suspends booking. Answers the cancelled booking with `refund` (yen).",
        security = @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "bearer"))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
        description = "Cancelled: the booking with \"status\":\"CANCELLED\", \"refund\" and \"cancelledAt\"",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404",
        description = "No such booking of yours ({\"error\":\"not-found\"}); others' bookings answer the same",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409",
        description = "{\"error\":\"not-active\"} already cancelled or no-show; {\"error\":\"too-late\"} the slot has started",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "401", description = "No or a bad Bearer token",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json"))
    @DeleteMapping("/api/v1/bookings/{id}")
    ResponseEntity<Object> cancel(@io.swagger.v3.oas.annotations.Parameter(description = "The booking number")
                                  @PathVariable String id, HttpServletRequest request) {
        Locale locale = language(request);
        MachiPrincipal me = CurrentActor.principal().orElse(null);
        if (me == null) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", null, "reservation.api.signIn", locale);
        }
        Long bookingId = parseId(id);
        if (bookingId == null) {
            return error(HttpStatus.NOT_FOUND, Refusal.NOT_FOUND.code(), "id", "reservation.refusal.not-found", locale);
        }
        try {
            return ResponseEntity.ok(view(money.cancel(me.accountId(), bookingId), locale));
        } catch (ReservationException e) {
            HttpStatus status = e.refusal() == Refusal.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return error(status, e.refusal().code(), null, "reservation.refusal." + e.refusal().code(), locale);
        }
    }

    private Map<String, Object> view(Booking b, Locale locale) {
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
            Money.Refund refund = money.refundNow(b);
            m.put("refundIfCancelledNow", refund.amount());
            m.put("refundPercentIfCancelledNow", refund.percent());
            m.put("lateCancellation", refund.late());
            m.put("refundDeadline", service.refundDeadline(b).toString());
        }
        Money.View v = money.view(b);
        m.put("commercial", v.commercial());
        if (v.baseFee() != null && v.baseFee() != b.fee()) {
            m.put("feeBeforeReduction", v.baseFee());
        }
        if (v.reduction() != null) {
            m.put("reduction", Map.of("category", v.reduction().code(), "percent", v.reduction().percent(),
                "state", v.reductionSlug()));
        }
        if (v.paymentDue()) {
            m.put("paymentDeadline", v.paymentDeadline().toString());
        }
        if (v.rules() != null) {
            m.put("refundTiers", v.rules().tiers().stream()
                .map(t -> Map.of("daysBefore", t.daysBefore(), "percent", t.percent())).toList());
        }
        return m;
    }

    private ResponseEntity<Object> suspended(long accountId, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", HttpStatus.CONFLICT.value());
        m.put("error", Refusal.SUSPENDED.code());
        java.time.LocalDate until = service.booker(accountId).map(b -> b.suspendedUntil()).orElse(null);
        if (until != null) {
            m.put("suspendedUntil", until.toString());
        }
        m.put("message", until == null ? messages.getMessage("reservation.refusal.suspended", null, locale)
            : messages.getMessage("reservation.money.suspendedUntil", new Object[] {until.toString()}, locale));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(m);
    }

    private ResponseEntity<Object> error(HttpStatus status, String code, String parameter, String key, Locale locale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.value());
        m.put("error", code);
        if (parameter != null) {
            m.put("parameter", parameter);
        }
        m.put("message", messages.getMessage(key, key.endsWith(".range") ? new Object[] {ReservationService.MAX_RANGE_DAYS} : null, locale));
        return ResponseEntity.status(status).body(m);
    }

    static Long parseId(String s) {
        if (s == null || !s.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(s);
    }

    static LocalDate parseDate(String s) {
        if (s == null || s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The API speaks the language of Accept-Language (ja unless English comes first). */
    static Locale language(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.JAPANESE;
        }
        return "en".equals(request.getLocale().getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
    }
}
