package jp.machi.reservation.booking.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.Facilities;
import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.identity.StaffScope;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Booking;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.rules.Slot;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff see of bookings: the facilities of their departments (all of them for system admins and staff granted
 * all departments), a week of a facility as rooms × days × slots, and one booking with its booker. Everything of
 * another department's facility is "not there", so the pages can answer 404 without telling it exists.
 */
@Service
public class StaffBookings {

    private final BookableRooms reservations;
    private final BookingRepository ledger;
    private final Facilities facilities;
    private final StaffScope scope;
    private final Accounts accounts;
    private final AuditLog audit;
    private final RoomPartRepository parts;

    StaffBookings(BookableRooms reservations, BookingRepository bookings, Facilities facilities, StaffScope scope,
                  Accounts accounts, AuditLog audit, RoomPartRepository parts) {
        this.parts = parts;
        this.ledger = bookings;
        this.reservations = reservations;
        this.facilities = facilities;
        this.scope = scope;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** Facilities with rooms that can be booked online and that the staff member may see, in the facility order. */
    public List<FacilitySummary> facilitiesFor(long staffId) {
        return reservations.byFacility().keySet().stream()
            .filter(f -> scope.canSee(staffId, f.departmentCode())).toList();
    }

    /**
     * One cell of the week. {@code slot} is null when the room has no slot of that column; {@code booking} and
     * {@code initial} are set for a booked slot.
     */
    public record Cell(Slot slot, Availability availability, Booking booking, String initial, List<Shown> bookings) {

        /**
         * none, open, closed (the facility is closed or the slot is outside its hours), booked or paid. A slot that
         * only online booking no longer (or not yet) offers is open for staff; {@link #note()} says why.
         */
        public String state() {
            if (slot == null) {
                return "none";
            }
            if (booking != null) {
                return booking.paid() ? "paid" : "booked";
            }
            String reason = availability.reason();
            return "facility-closed".equals(reason) || "outside-hours".equals(reason)
                || "maintenance".equals(reason) || "admin-use".equals(reason) ? "closed" : "open";
        }

        /** The closed reason of an open slot (past, cutoff, not-yet), null otherwise. */
        public String note() {
            return "open".equals(state()) ? availability.reason() : null;
        }
    }

    /**
     * One active booking of a cell: a splittable room's slot can hold one booking per part ({@code part} set), or
     * one whole-room booking ({@code part} null).
     */
    public record Shown(Booking booking, String initial, RoomPart part) {}

    public record Row(BookableRoom room, LocalDate date, List<Cell> cells) {}

    /** A week of a facility: the slot columns (every room's slots by start time) and one row per room and day. */
    public record Week(FacilitySummary facility, LocalDate from, LocalDate to, List<Slot> columns, List<Row> rows) {

        /** The seven days of the week, in order. */
        public List<LocalDate> days() {
            return from.datesUntil(to.plusDays(1)).toList();
        }

        /**
         * The week as a grid for the desk: one line per room and slot (only the slots the room has), one cell per day.
         * {@code first} marks a room's first line (where the room's name starts), {@code span} its number of lines.
         */
        public List<GridLine> grid() {
            Map<Long, List<Row>> byRoom = new LinkedHashMap<>();
            rows.forEach(r -> byRoom.computeIfAbsent(r.room().room().id(), k -> new ArrayList<>()).add(r));
            List<GridLine> lines = new ArrayList<>();
            for (List<Row> roomRows : byRoom.values()) {
                List<GridLine> ofRoom = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    int column = c;
                    List<Cell> cells = roomRows.stream().map(r -> r.cells().get(column)).toList();
                    if (cells.stream().allMatch(x -> x.slot() == null)) {
                        continue;
                    }
                    ofRoom.add(new GridLine(roomRows.getFirst().room(), columns.get(c), ofRoom.isEmpty(), 0,
                        roomRows.stream().map(Row::date).toList(), cells));
                }
                int span = ofRoom.size();
                ofRoom.stream().map(l -> new GridLine(l.room(), l.slot(), l.first(), span, l.dates(), l.cells()))
                    .forEach(lines::add);
            }
            return lines;
        }
    }

    /** One line of {@link Week#grid()}: a room's slot with its cell on each day ({@code dates} in the same order). */
    public record GridLine(BookableRoom room, Slot slot, boolean first, int span, List<LocalDate> dates, List<Cell> cells) {}

    /** The week from {@code from} (7 days) of a facility the staff member may see; empty otherwise. */
    public Optional<Week> week(long staffId, String facilityId, LocalDate from) {
        var rooms = visibleRooms(staffId, facilityId);
        if (rooms.isEmpty()) {
            return Optional.empty();
        }
        LocalDate to = from.plusDays(6);
        Map<String, Slot> columns = new LinkedHashMap<>();
        rooms.stream().flatMap(r -> r.slots().stream()).sorted(Comparator.comparing(Slot::start))
            .forEach(s -> columns.putIfAbsent(s.code(), s));
        Map<Long, Booking> bookings = new HashMap<>();
        Map<String, List<Booking>> byCell = new HashMap<>();
        for (Booking b : ledger.activeForFacility(facilityId, from, to)) {
            bookings.put(b.id(), b);
            byCell.computeIfAbsent(b.roomId() + "/" + b.date() + "/" + b.slotCode(), k -> new ArrayList<>()).add(b);
        }
        Map<Long, List<RoomPart>> roomParts = parts.ofRooms(rooms.stream().map(r -> r.room().id()).toList());
        Map<Long, String> initials = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (var room : rooms) {
            Map<String, Availability> byKey = new HashMap<>();
            for (Availability a : reservations.availability(room, from, to)) {
                byKey.put(a.date() + "/" + a.slot().code(), a);
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                List<Cell> cells = new ArrayList<>();
                for (String code : columns.keySet()) {
                    Availability a = byKey.get(d + "/" + code);
                    if (a == null) {
                        cells.add(new Cell(null, null, null, null, List.of()));
                        continue;
                    }
                    Booking b = a.bookingId() == null ? null : bookings.get(a.bookingId());
                    String initial = b == null ? null : initials.computeIfAbsent(b.bookerAccountId(), this::initial);
                    List<Shown> shown = new ArrayList<>();
                    for (Booking x : byCell.getOrDefault(room.room().id() + "/" + d + "/" + code, List.of())) {
                        RoomPart p = x.part() == null ? null : roomParts.getOrDefault(room.room().id(), List.of()).stream()
                            .filter(rp -> rp.code().equals(x.part())).findFirst().orElse(null);
                        shown.add(new Shown(x, initials.computeIfAbsent(x.bookerAccountId(), this::initial), p));
                    }
                    shown.sort(Comparator.comparing((Shown x) -> x.part() == null ? -1 : x.part().sortOrder()));
                    cells.add(new Cell(a.slot(), a, b, initial, shown));
                }
                rows.add(new Row(room, d, cells));
            }
        }
        return Optional.of(new Week(rooms.getFirst().facility(), from, to, List.copyOf(columns.values()), rows));
    }

    /** A room of a facility the staff member may see; empty for another department's room or an unknown one. */
    public Optional<BookableRoom> visibleRoom(long staffId, long roomId) {
        return reservations.room(roomId).filter(r -> scope.canSee(staffId, r.facility().departmentCode()));
    }

    private List<BookableRoom> visibleRooms(long staffId, String facilityId) {
        for (var e : reservations.byFacility().entrySet()) {
            if (e.getKey().id().equals(facilityId)) {
                return scope.canSee(staffId, e.getKey().departmentCode()) ? e.getValue() : List.of();
            }
        }
        return List.of();
    }

    /** The first character of the booker's name: enough for the counter to match a person to a line. */
    private String initial(long accountId) {
        return accounts.find(accountId).map(AccountSummary::displayName).filter(n -> !n.isBlank())
            .map(n -> new String(Character.toChars(n.strip().codePointAt(0)))).orElse("?");
    }

    /** A booking as the staff page shows it. {@code room} and {@code slot} may be null when they no longer exist. */
    public record BookingView(Booking booking, FacilitySummary facility, RoomSummary room, Slot slot,
                              AccountSummary booker, AccountSummary proxy) {}

    /** The part a booking is for; empty for a whole-room booking. */
    public Optional<RoomPart> part(Booking b) {
        return b.part() == null ? Optional.empty() : parts.find(b.roomId(), b.part());
    }

    /** The booking when it belongs to a facility the staff member may see; empty otherwise. Nothing is recorded. */
    public Optional<Booking> visible(long staffId, long bookingId) {
        return ledger.find(bookingId).filter(b -> facilities.find(b.facilityId())
            .map(f -> scope.canSee(staffId, f.departmentCode())).orElse(false));
    }

    /**
     * The booking with its booker, for a staff member who may see it. Showing the booker is an access to personal
     * data, so every read is recorded in the audit log.
     */
    @Transactional
    public Optional<BookingView> read(long staffId, long bookingId) {
        return visible(staffId, bookingId).map(b -> {
            FacilitySummary f = facilities.find(b.facilityId()).orElseThrow();
            RoomSummary room = facilities.room(b.roomId()).orElse(null);
            Slot slot = reservations.room(b.roomId()).flatMap(r -> r.slot(b.slotCode())).orElse(null);
            audit.record(AuditEvent.byCurrentActor("reservation.booking.read", b.bookerAccountId(), "booking:" + b.id(),
                AuditDetail.of("reservation.booking.audit.read")));
            return new BookingView(b, f, room, slot, accounts.find(b.bookerAccountId()).orElse(null),
                b.proxyStaffId() == null ? null : accounts.find(b.proxyStaffId()).orElse(null));
        });
    }
}
