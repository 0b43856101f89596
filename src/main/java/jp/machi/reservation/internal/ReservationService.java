package jp.machi.reservation.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.identity.Accounts;
import jp.machi.mail.Mailer;
import jp.machi.shared.time.MachiClock;
import jp.machi.shared.time.Wareki;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Availability, booking, cancelling and counter payment. Every decision is one transaction. */
@Service
public class ReservationService {

    /** The longest range one availability question may cover. */
    public static final int MAX_RANGE_DAYS = 93;

    private final ReservationRepository repository;
    private final Facilities facilities;
    private final Accounts accounts;
    private final Mailer mailer;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;
    private final List<BookingCheck> checks;
    private final List<AvailabilityOverlay> overlays;

    ReservationService(ReservationRepository repository, Facilities facilities, Accounts accounts, Mailer mailer,
                       AuditLog audit, Clock clock, @Value("${machi.base-url}") String baseUrl,
                       List<BookingCheck> checks, List<AvailabilityOverlay> overlays) {
        this.checks = List.copyOf(checks);
        this.overlays = List.copyOf(overlays);
        this.repository = repository;
        this.facilities = facilities;
        this.accounts = accounts;
        this.mailer = mailer;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(MachiClock.ZONE));
    }

    /** A room residents can book online: bookable in the facility module, with slots and rules here. */
    public record BookableRoom(RoomSummary room, FacilitySummary facility, List<Slot> slots, Rules rules) {

        /** Whether the room's slots cost different amounts (the rule prices some slots on their own). */
        public boolean feesVary() {
            return slots.stream().map(s -> fee(rules, Residency.RESIDENT, s.code()).amount()).distinct().count() > 1
                || slots.stream().map(s -> fee(rules, Residency.NON_RESIDENT, s.code()).amount()).distinct().count() > 1;
        }

        /** The fee of one slot of this room for residents ({@code true}) or non-residents. */
        public int slotFee(String slotCode, boolean resident) {
            return fee(rules, resident ? Residency.RESIDENT : Residency.NON_RESIDENT, slotCode).amount();
        }

        /** The lowest fee of a slot of this room for residents ({@code true}) or non-residents. */
        public int lowestFee(boolean resident) {
            return slots.stream().mapToInt(s -> fee(rules, resident ? Residency.RESIDENT : Residency.NON_RESIDENT, s.code()).amount())
                .min().orElse(resident ? rules.feeResident() : rules.feeNonResident());
        }
    }

    public Optional<BookableRoom> bookableRoom(long roomId) {
        return facilities.room(roomId).filter(RoomSummary::bookable).flatMap(room -> {
            List<Slot> slots = repository.slots(room.id(), room.facilityId());
            Optional<Rules> rules = repository.rules(room.id(), room.facilityId());
            Optional<FacilitySummary> facility = facilities.find(room.facilityId());
            if (slots.isEmpty() || rules.isEmpty() || facility.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new BookableRoom(room, facility.get(), slots, rules.get()));
        });
    }

    /** Every room that can be booked online, grouped by facility in the facility module's order. */
    public Map<FacilitySummary, List<BookableRoom>> bookableRoomsByFacility() {
        Map<String, FacilitySummary> found = new HashMap<>();
        Map<FacilitySummary, List<BookableRoom>> result = new LinkedHashMap<>();
        for (RoomSummary r : facilities.allBookableRooms()) {
            List<Slot> slots = repository.slots(r.id(), r.facilityId());
            Optional<Rules> rules = repository.rules(r.id(), r.facilityId());
            if (slots.isEmpty() || rules.isEmpty()) {
                continue;
            }
            FacilitySummary f = found.computeIfAbsent(r.facilityId(), id -> facilities.find(id).orElse(null));
            if (f != null) {
                result.computeIfAbsent(f, k -> new ArrayList<>()).add(new BookableRoom(r, f, slots, rules.get()));
            }
        }
        return result;
    }

    /** The state of every slot from {@code from} to {@code to} (both included, at most {@link #MAX_RANGE_DAYS}). */
    public List<Availability> availability(BookableRoom room, LocalDate from, LocalDate to) {
        return availability(room, null, from, to);
    }

    /**
     * The state of every slot of one unit: the whole room ({@code part} null: booked when the room or any part is
     * booked) or one part (booked when that part or the whole room is booked).
     */
    public List<Availability> availability(BookableRoom room, String part, LocalDate from, LocalDate to) {
        return availabilityOfUnits(room, part == null ? List.of() : List.of(part), from, to, null)
            .get(part == null ? "" : part);
    }

    /**
     * The availability of the whole room (key {@code ""}) and of each of {@code parts} (key: the part's code), reading
     * the room's bookings, the overlays and the facility's hours once. {@code hoursByDay} may be given when the caller
     * already has the facility's hours for the range (several rooms of one facility); null reads them.
     */
    public Map<String, List<Availability>> availabilityOfUnits(BookableRoom room, List<String> parts, LocalDate from,
                                                               LocalDate to, Map<LocalDate, DayHours> hoursByDay) {
        List<Booking> active = repository.activeForRoom(room.room().id(), from, to);
        Map<String, AvailabilityOverlay.Mark> marks = new HashMap<>();
        for (AvailabilityOverlay overlay : overlays) {
            marks.putAll(overlay.marks(room, from, to));
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        Map<LocalDate, DayHours> hours = hoursByDay != null ? hoursByDay
            : facilities.hoursBetween(room.facility().id(), from, to);
        Map<String, List<Availability>> result = new LinkedHashMap<>();
        List<String> units = new ArrayList<>();
        units.add(null);
        units.addAll(parts);
        for (String part : units) {
            Map<String, Long> booked = new HashMap<>();
            for (Booking b : active) {
                if (part == null || b.part() == null || part.equals(b.part())) {
                    booked.putIfAbsent(b.date() + "/" + b.slotCode(), b.id());
                }
            }
            List<Availability> cells = new ArrayList<>();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                DayHours dayHours = hours.get(d);
                for (Slot s : room.slots()) {
                    Long bookingId = booked.get(d + "/" + s.code());
                    if (bookingId != null) {
                        cells.add(new Availability(d, s, Availability.Status.BOOKED, null, bookingId));
                        continue;
                    }
                    AvailabilityOverlay.Mark mark = marks.get(AvailabilityOverlay.key(d, s.code()));
                    if (mark != null) {
                        cells.add(new Availability(d, s, mark.status(), mark.reason(), null));
                        continue;
                    }
                    String closed = closedReason(room.rules(), dayHours, d, s, now);
                    cells.add(new Availability(d, s, closed == null ? Availability.Status.OPEN
                        : Availability.Status.CLOSED, closed, null));
                }
            }
            result.put(part == null ? "" : part, cells);
        }
        return result;
    }

    private static String closedReason(Rules rules, DayHours hours, LocalDate d, Slot s, LocalDateTime now) {
        if (hours == null || !hours.open()) {
            return "facility-closed";
        }
        if (hours.periods().stream().noneMatch(p -> !s.start().isBefore(p.opens()) && !s.end().isAfter(p.closes()))) {
            return "outside-hours";
        }
        LocalDate today = now.toLocalDate();
        if (d.isBefore(today) || (d.equals(today) && !s.start().isAfter(now.toLocalTime()))) {
            return "past";
        }
        if (d.isBefore(today.plusDays(rules.cutoffDays()))) {
            return "cutoff";
        }
        if (d.isAfter(today.plusDays(rules.windowDays()))) {
            return "not-yet";
        }
        return null;
    }

    /** The result of a booking request: the booking and whether this request made it. */
    public record Booked(Booking booking, boolean created) {}

    /**
     * Books one slot for {@code bookerId}, first come first served. Checks every rule and inserts in one
     * transaction; the booker's registration row is locked so one person's requests are decided one at a time
     * (the monthly cap and the idempotency key hold under concurrency), and the partial unique index decides
     * between different people. The same idempotency key again returns the booking it made.
     *
     * @throws ReservationException when a rule says no; nothing is written
     */
    @Transactional
    public Booked book(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slotCode, String key) {
        return book(bookerId, proxyStaffId, roomId, date, slotCode, null, key, null);
    }

    /** Books the whole room ({@code part} null) or one part of a splittable room; see the other {@code book}. */
    @Transactional
    public Booked book(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slotCode, String part,
                       String key) {
        return book(bookerId, proxyStaffId, roomId, date, slotCode, part, key, null);
    }

    /**
     * As {@link #book(long, Long, long, LocalDate, String, String)}; with a {@code hold} the booking is PROVISIONAL
     * until now + hold (a checkout hold: {@link #expireHolds} frees it unless it is confirmed) and no mail is sent.
     */
    @Transactional
    public Booked book(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slotCode, String key,
                       java.time.Duration hold) {
        return book(bookerId, proxyStaffId, roomId, date, slotCode, null, key, hold);
    }

    /** The whole room or one part ({@code part}), confirmed at once or held ({@code hold}); see above. */
    @Transactional
    public Booked book(long bookerId, Long proxyStaffId, long roomId, LocalDate date, String slotCode, String part,
                       String key, java.time.Duration hold) {
        Booker booker = repository.lockBooker(bookerId).orElseThrow(() -> new ReservationException(Refusal.NOT_REGISTERED));
        Optional<Booking> earlier = repository.byKey(bookerId, key);
        if (earlier.isPresent()) {
            Booking b = earlier.get();
            if (b.roomId() == roomId && b.date().equals(date) && b.slotCode().equals(slotCode)
                && java.util.Objects.equals(b.part(), part)) {
                return new Booked(b, false);
            }
            throw new ReservationException(Refusal.KEY_REUSED);
        }
        LocalDate today = today();
        if (booker.suspendedOn(today)) {
            throw new ReservationException(Refusal.SUSPENDED);
        }
        BookableRoom room = bookableRoom(roomId).orElseThrow(() -> new ReservationException(Refusal.ROOM_NOT_BOOKABLE));
        Slot slot = room.slots().stream().filter(s -> s.code().equals(slotCode)).findFirst()
            .orElseThrow(() -> new ReservationException(Refusal.UNKNOWN_SLOT));
        DayHours hours = facilities.hoursOn(room.facility().id(), date).orElse(null);
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        String closed = closedReason(room.rules(), hours, date, slot, now);
        if (closed != null) {
            throw new ReservationException(switch (closed) {
                case "past" -> Refusal.PAST;
                case "cutoff" -> Refusal.CUTOFF;
                case "not-yet" -> Refusal.OUTSIDE_WINDOW;
                default -> Refusal.CLOSED;
            });
        }
        if (repository.activeInMonth(bookerId, date) >= room.rules().monthlyCap()) {
            throw new ReservationException(Refusal.CAP_EXCEEDED);
        }
        BookingCheck.Request request = new BookingCheck.Request(booker, room, date, slot, now, proxyStaffId, part);
        for (BookingCheck check : checks) {
            check.check(request);
        }
        Fee fee = fee(room.rules(), booker.residency(), slot.code());
        java.time.Instant created = clock.instant();
        long id;
        try {
            id = repository.insertBooking(roomId, room.facility().id(), date, slot, part, bookerId, fee.amount(), fee.rule(),
                key, proxyStaffId, created, hold == null ? null : created.plus(hold))
                .orElseThrow(() -> new ReservationException(Refusal.TAKEN));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // a whole-room booking and a part booking of the same slot met in the claims table: the other came first
            throw new ReservationException(Refusal.TAKEN);
        }
        Booking booking = repository.find(id).orElseThrow();
        if (proxyStaffId != null) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy", bookerId, "booking:" + id,
                date + " " + slot.code() + " room " + roomId));
        }
        if (hold == null) {
            notify(booking, room, "reservation/booked", Map.of());
        }
        return new Booked(booking, true);
    }

    /** The fee of one slot for a booker, with the rule that produced it ({@code resident/ward} etc.). */
    public record Fee(int amount, String rule) {}

    /** The fee of {@code slotCode} under the rules: the slot's own price where the rule sets one, else the rule's. */
    public static Fee fee(Rules rules, Residency residency, String slotCode) {
        SlotFee own = rules.slotFees().get(slotCode);
        if (residency.inWard()) {
            return new Fee(own != null ? own.resident() : rules.feeResident(), "resident/" + rules.scope());
        }
        return new Fee(own != null ? own.nonResident() : rules.feeNonResident(), "non-resident/" + rules.scope());
    }

    /** The last day on which a cancellation refunds the whole fee. */
    public LocalDate refundDeadline(Booking b) {
        int days = bookableRoom(b.roomId()).map(r -> r.rules().cancelDeadlineDays()).orElse(0);
        return b.date().minusDays(days);
    }

    /** What cancelling now would refund: the whole fee until the deadline, nothing after it. */
    public int refundIfCancelledNow(Booking b) {
        return today().isAfter(refundDeadline(b)) ? 0 : b.fee();
    }

    /** Whether the booker may still cancel online: until the slot starts. */
    public boolean cancellable(Booking b) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(MachiClock.ZONE));
        return b.active() && now.isBefore(LocalDateTime.of(b.date(), b.start()));
    }

    /** The booker cancels their own booking. */
    @Transactional
    public Booking cancelByBooker(long bookerId, long bookingId) {
        Booking b = repository.find(bookingId).filter(x -> x.bookerAccountId() == bookerId)
            .orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        if (!b.active()) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (!cancellable(b)) {
            throw new ReservationException(Refusal.TOO_LATE);
        }
        int refund = refundIfCancelledNow(b);
        long actor = jp.machi.shared.security.CurrentActor.principal().map(p -> p.accountId()).orElse(bookerId);
        if (!repository.cancel(bookingId, actor, refund, clock.instant())) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        if (actor != bookerId) {
            audit.record(AuditEvent.byCurrentActor("reservation.booking.proxy-cancel", bookerId, "booking:" + bookingId,
                "refund " + refund));
        }
        Booking cancelled = repository.find(bookingId).orElseThrow();
        bookableRoom(b.roomId()).ifPresent(r -> notify(cancelled, r, "reservation/cancelled", Map.of()));
        return cancelled;
    }

    /** Staff cancel a booking (行政使用 or another reason of the ward's): the whole fee is refunded. */
    @Transactional
    public Booking cancelByStaff(long staffId, long bookingId, String reason) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        if (!repository.cancel(bookingId, staffId, b.fee(), clock.instant())) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.cancel-by-staff", b.bookerAccountId(),
            "booking:" + bookingId, reason));
        Booking cancelled = repository.find(bookingId).orElseThrow();
        bookableRoom(b.roomId()).ifPresent(r -> notify(cancelled, r, "reservation/cancelled-by-staff", Map.of("reason", reason)));
        return cancelled;
    }

    /** Staff take the fee at the counter. */
    @Transactional
    public void markPaid(long staffId, long bookingId) {
        Booking b = repository.find(bookingId).orElseThrow(() -> new ReservationException(Refusal.NOT_FOUND));
        if (!repository.markPaid(bookingId, staffId, clock.instant())) {
            throw new ReservationException(Refusal.NOT_ACTIVE);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.booking.paid", b.bookerAccountId(), "booking:" + bookingId,
            "fee " + b.fee()));
    }

    /**
     * Cancels every PROVISIONAL booking whose hold expired at or before {@code now} (a checkout hold, a lottery win
     * nobody confirmed …), freeing its slot; returns how many. Run every minute by {@link HoldExpiry}; tests call
     * it with the instant they need.
     */
    @Transactional
    public int expireHolds(java.time.Instant now) {
        List<Booking> expired = repository.expireHolds(now);
        for (Booking b : expired) {
            audit.record(AuditEvent.system("reservation.booking.hold-expired", b.bookerAccountId(), "booking:" + b.id(),
                b.date() + " " + b.slotCode()));
        }
        return expired.size();
    }

    @Transactional
    public void register(long accountId, Residency residency) {
        repository.register(accountId, residency, clock.instant());
        if (jp.machi.shared.security.CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.booker.register", accountId, "booker:" + accountId,
                residency.name()));
        }
    }

    public Optional<Booker> booker(long accountId) {
        return repository.booker(accountId);
    }

    /**
     * A staff member at the counter, acting for the resident, saw a document for their residency: records the kind of
     * document and the residency it shows (which corrects the declaration when it differs), audited with the
     * declared and the confirmed residency. False when the person is not registered as a booker.
     */
    @Transactional
    public boolean confirmEvidence(long accountId, Residency residency, String kind, long staffId) {
        if (!Booker.EVIDENCE_KINDS.contains(kind)) {
            throw new IllegalArgumentException("evidence kind " + kind);
        }
        Optional<Booker> before = repository.lockBooker(accountId);
        if (before.isEmpty() || !repository.evidenceChecked(accountId, residency, kind, staffId, clock.instant())) {
            return false;
        }
        Residency declared = before.get().residency();
        audit.record(AuditEvent.byCurrentActor("reservation.booker.evidence", accountId, "booker:" + accountId,
            kind + " " + residency.name() + (declared == residency ? "" : " (declared " + declared.name() + ")")));
        return true;
    }

    public Optional<Booking> booking(long id) {
        return repository.find(id);
    }

    public List<Booking> bookingsOf(long bookerId) {
        return repository.ofBooker(bookerId);
    }

    public List<Booking> facilityBookings(String facilityId, LocalDate from, LocalDate to) {
        return repository.activeForFacility(facilityId, from, to);
    }

    /** Monday of the week holding {@code day}. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    void notify(Booking b, BookableRoom room, String template, Map<String, Object> extra) {
        accounts.find(b.bookerAccountId()).ifPresent(a -> {
            if (a.email() == null || a.email().isBlank()) {
                return;
            }
            Locale locale = "en".equals(a.preferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
            Map<String, Object> model = new HashMap<>(extra);
            model.put("id", b.id());
            model.put("name", a.displayName());
            model.put("facility", room.facility().name().in(locale));
            model.put("room", room.room().name().in(locale));
            model.put("date", Wareki.format(b.date(), locale));
            Slot slot = room.slots().stream().filter(s -> s.code().equals(b.slotCode())).findFirst().orElse(null);
            model.put("slot", slot == null ? b.slotCode() : slot.label(locale));
            model.put("time", b.start() + "–" + b.end());
            model.put("fee", String.format(Locale.ROOT, "%,d", b.fee()));
            model.put("refund", String.format(Locale.ROOT, "%,d", b.refund() == null ? 0 : b.refund()));
            model.put("paid", b.paid());
            model.put("link", baseUrl + "/account/bookings/" + b.id());
            mailer.send(a.email(), template, locale, model);
        });
    }

    static LocalTime parseTime(String s) {
        return LocalTime.parse(s);
    }
}
