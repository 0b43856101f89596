package jp.machi.reservation.legacy.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.DayHours;
import jp.machi.facility.Facilities;
import jp.machi.identity.AccountSummary;
import jp.machi.identity.Accounts;
import jp.machi.reservation.booking.BookableRoom;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.NewBooking;
import jp.machi.reservation.booking.Residency;
import jp.machi.reservation.groups.Block;
import jp.machi.reservation.groups.Groups;
import jp.machi.reservation.money.Fee;
import jp.machi.reservation.money.MoneyTerms;
import jp.machi.reservation.rules.Slot;
import jp.machi.shared.time.MachiClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Import of registrations and future bookings from a legacy booking system's CSV, all or nothing.
 *
 * <p>Columns (a header line with exactly these names first): {@code legacy_booker_id, name, email, residency,
 * legacy_booking_id, room_id, date, slot}. A row with the four booking columns empty only registers the person.
 * UTF-8 (with or without BOM) or Shift_JIS (Windows-31J). Every row is checked (known bookable room, its slot, a
 * future day when the facility is open, a free slot, e-mail address, residency, the same person described the same
 * way on every row); one bad row and nothing is written, with every row's problems listed. Rows whose
 * {@code legacy_booking_id} was imported before are skipped, so importing a file twice changes nothing the second
 * time.
 *
 * <p>People: when an account with the row's e-mail address exists, bookings are that account's (its booker
 * registration is created from the row when missing). Otherwise the person becomes an imported booker
 * ({@code reservation_legacy_booker}) holding the bookings until a resident who signs in with that address claims
 * them ({@link #claim}).
 */
@Service
public class LegacyImport {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_ROWS = 10_000;
    static final List<String> HEADER = List.of("legacy_booker_id", "name", "email", "residency", "legacy_booking_id",
        "room_id", "date", "slot");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,50}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]{1,64}@[^@\\s,]+\\.[^@\\s,]+$");

    /** A problem of one line ({@code line} 1 is the header): a message key and its arguments. */
    public record Problem(int line, String code, List<Object> args) {
        public Object[] argArray() {
            return args.toArray();
        }
    }

    /** One checked data line. {@code action}: register, book, skip (imported before). */
    public record Line(int line, String bookerId, String name, String email, String residency, String bookingId,
                       Long roomId, LocalDate date, String slot, String action) {}

    public record Preview(String charset, List<Line> lines, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public long count(String action) {
            return lines.stream().filter(l -> action.equals(l.action())).count();
        }
    }

    public record Result(int bookers, int bookings, int skipped) {}

    private final JdbcClient jdbc;
    private final BookableRooms reservations;
    private final Bookings bookingLedger;
    private final Bookers bookers;
    private final Facilities facilities;
    private final Accounts accounts;
    private final Groups blocks;
    private final AuditLog audit;
    private final Clock clock;

    LegacyImport(JdbcClient jdbc, BookableRooms reservations, Bookings bookingLedger, Bookers bookers, Facilities facilities,
                 Accounts accounts, Groups blocks, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.reservations = reservations;
        this.bookingLedger = bookingLedger;
        this.bookers = bookers;
        this.facilities = facilities;
        this.accounts = accounts;
        this.blocks = blocks;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- uploads kept for the preview ----

    @Transactional
    public long store(long staffId, String fileName, byte[] content) {
        long id = jdbc.sql("""
                insert into reservation_import (account_id, file_name, content, created_at) values (?, ?, ?, ?) returning id""")
            .params(staffId, fileName, content, Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record(AuditEvent.byCurrentActor("reservation.import.upload", null, "import:" + id,
            AuditDetail.of("reservation.legacy.audit.upload", fileName, content.length)));
        return id;
    }

    public record Stored(long id, long staffId, String fileName, byte[] content, boolean committed) {}

    /** An upload of this staff member (others' uploads are not theirs to see). */
    public Optional<Stored> stored(long staffId, long id) {
        return jdbc.sql("select * from reservation_import where id = ? and account_id = ?").params(id, staffId)
            .query((rs, n) -> new Stored(rs.getLong("id"), rs.getLong("account_id"), rs.getString("file_name"),
                rs.getBytes("content"), rs.getTimestamp("committed_at") != null)).optional();
    }

    // ---- checking ----

    /** Decodes, parses and checks a file without writing anything. */
    public Preview check(byte[] content, java.util.function.Predicate<String> facilityAllowed) {
        List<Problem> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        if (content.length > MAX_BYTES) {
            problems.add(new Problem(0, "reservation.legacy.error.tooLarge", List.of(MAX_BYTES / 1024 / 1024)));
            return new Preview("", lines, problems);
        }
        String charset;
        String text;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            charset = "UTF-8 (BOM)";
            text = new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
                charset = "UTF-8";
            } catch (CharacterCodingException e) {
                try {
                    text = Charset.forName("windows-31j").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
                    charset = "Shift_JIS";
                } catch (CharacterCodingException e2) {
                    problems.add(new Problem(0, "reservation.legacy.error.encoding", List.of()));
                    return new Preview("", lines, problems);
                }
            }
        }
        List<List<String>> records;
        try {
            records = parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(Integer.parseInt(e.getMessage()), "reservation.legacy.error.quote", List.of()));
            return new Preview(charset, lines, problems);
        }
        if (records.isEmpty() || !records.getFirst().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList().equals(HEADER)) {
            problems.add(new Problem(1, "reservation.legacy.error.header", List.of(String.join(",", HEADER))));
            return new Preview(charset, lines, problems);
        }
        if (records.size() - 1 > MAX_ROWS) {
            problems.add(new Problem(0, "reservation.legacy.error.tooMany", List.of(MAX_ROWS)));
            return new Preview(charset, lines, problems);
        }
        if (records.size() == 1) {
            problems.add(new Problem(1, "reservation.legacy.error.empty", List.of()));
            return new Preview(charset, lines, problems);
        }
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        // read once what the rows ask about: rooms, hours, blocks, bookings imported before, taken slots
        Set<String> fileBookingIds = new HashSet<>();
        Set<Long> fileRooms = new HashSet<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == HEADER.size()) {
                fileBookingIds.add(r.get(4).strip());
                if (r.get(5).strip().matches("\\d{1,18}")) {
                    fileRooms.add(Long.parseLong(r.get(5).strip()));
                }
            }
        }
        Set<String> importedBefore = new HashSet<>(bookingLedger.importedLegacyRefs(fileBookingIds));
        Set<String> takenSlots = new HashSet<>(bookingLedger.activeSlotKeys(fileRooms, today));
        Map<Long, Optional<BookableRoom>> roomCache = new HashMap<>();
        Map<String, Optional<DayHours>> hoursCache = new HashMap<>();
        Map<String, List<Block>> blockCache = new HashMap<>();
        Map<String, String> people = new HashMap<>();
        Map<String, Integer> slotsInFile = new HashMap<>();
        Set<String> bookingIds = new HashSet<>();
        for (int i = 1; i < records.size(); i++) {
            int lineNo = i + 1;
            List<String> r = records.get(i);
            if (r.size() == 1 && r.getFirst().isBlank()) {
                continue;
            }
            if (r.size() != HEADER.size()) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.columns", List.of(HEADER.size(), r.size())));
                continue;
            }
            List<String> v = r.stream().map(String::strip).toList();
            int before = problems.size();
            String bookerId = v.get(0);
            String name = v.get(1);
            String email = v.get(2);
            String residency = residency(v.get(3));
            if (!ID.matcher(bookerId).matches()) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.bookerId", List.of()));
            }
            if (name.isEmpty() || name.length() > 100) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.name", List.of()));
            }
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.email", List.of(email)));
            }
            if (residency == null) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.residency", List.of(v.get(3))));
            }
            String person = name + "\n" + email.toLowerCase(Locale.ROOT) + "\n" + residency;
            String earlier = people.putIfAbsent(bookerId, person);
            if (earlier != null && !earlier.equals(person)) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.personDiffers", List.of(bookerId)));
            }
            boolean anyBooking = !(v.get(4).isEmpty() && v.get(5).isEmpty() && v.get(6).isEmpty() && v.get(7).isEmpty());
            if (!anyBooking) {
                if (problems.size() == before) {
                    lines.add(new Line(lineNo, bookerId, name, email, residency, null, null, null, null, "register"));
                }
                continue;
            }
            String bookingId = v.get(4);
            if (!ID.matcher(bookingId).matches()) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.bookingId", List.of()));
            } else if (!bookingIds.add(bookingId)) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.bookingIdTwice", List.of(bookingId)));
            }
            Long roomId = v.get(5).matches("\\d{1,18}") ? Long.parseLong(v.get(5)) : null;
            BookableRoom room = roomId == null ? null : roomCache.computeIfAbsent(roomId, reservations::room).orElse(null);
            if (room == null || !facilityAllowed.test(room.facility().id())) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.room", List.of(v.get(5))));
                room = null;
            }
            LocalDate date = null;
            try {
                date = v.get(6).length() == 10 ? LocalDate.parse(v.get(6)) : null;
            } catch (DateTimeParseException e) {
                date = null;
            }
            if (date == null) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.date", List.of(v.get(6))));
            } else if (!date.isAfter(today)) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.past", List.of(v.get(6))));
            } else if (date.isAfter(today.plusYears(2))) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.far", List.of(v.get(6))));
            }
            String slotCode = v.get(7);
            Slot slot = room == null ? null : room.slots().stream().filter(s -> s.code().equals(slotCode)).findFirst().orElse(null);
            if (room != null && slot == null) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.slot", List.of(slotCode)));
            }
            if (problems.size() > before) {
                continue;
            }
            if (importedBefore.contains(bookingId)) {
                lines.add(new Line(lineNo, bookerId, name, email, residency, bookingId, roomId, date, slotCode, "skip"));
                continue;
            }
            String facilityId = room.facility().id();
            LocalDate dayOf = date;
            DayHours hours = hoursCache.computeIfAbsent(facilityId + "/" + date, k -> facilities.hoursOn(facilityId, dayOf)).orElse(null);
            Slot s = slot;
            if (hours == null || !hours.open()
                || hours.periods().stream().noneMatch(p -> !s.start().isBefore(p.opens()) && !s.end().isAfter(p.closes()))) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.closed", List.of(date.toString(), slotCode)));
                continue;
            }
            String key = roomId + "/" + date + "/" + slotCode;
            Integer other = slotsInFile.putIfAbsent(key, lineNo);
            if (other != null) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.sameSlot", List.of(other)));
                continue;
            }
            if (takenSlots.contains(key)) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.taken", List.of(date.toString(), slotCode)));
                continue;
            }
            long finalRoom = roomId;
            LocalDate d = date;
            List<Block> facilityBlocks = blockCache.computeIfAbsent(facilityId, f -> blocks.blocks(f, today, today.plusYears(3)));
            if (facilityBlocks.stream().anyMatch(b -> b.covers(finalRoom, d, slotCode))) {
                problems.add(new Problem(lineNo, "reservation.legacy.error.blocked", List.of(date.toString(), slotCode)));
                continue;
            }
            lines.add(new Line(lineNo, bookerId, name, email, residency, bookingId, roomId, date, slotCode, "book"));
        }
        return new Preview(charset, lines, problems);
    }

    static String residency(String s) {
        return switch (s.strip().toUpperCase(Locale.ROOT)) {
            case "RESIDENT", "在住" -> "RESIDENT";
            case "WORKER", "在勤" -> "WORKER";
            case "STUDENT", "在学" -> "STUDENT";
            case "NON_RESIDENT", "NON-RESIDENT", "区外" -> "NON_RESIDENT";
            default -> null;
        };
    }

    /** RFC 4180: commas, double quotes ("" inside quotes), CRLF or LF; a quoted field may hold line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int startLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new IllegalArgumentException(Integer.toString(line));
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                // part of CRLF; a lone CR is ignored
            } else if (c == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                startLine = line;
            } else {
                if (wasQuoted) {
                    throw new IllegalArgumentException(Integer.toString(line));
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(Integer.toString(startLine));
        }
        if (field.length() > 0 || !record.isEmpty() || wasQuoted) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    // ---- committing ----

    /**
     * Writes the checked file in one transaction; throws {@link ImportRefused} (nothing written) when a check fails now.
     * The import's row is locked, so the same upload is never committed twice at once.
     */
    @Transactional
    public Result commit(long staffId, long importId, java.util.function.Predicate<String> facilityAllowed) {
        Stored stored = jdbc.sql("select * from reservation_import where id = ? and account_id = ? for update")
            .params(importId, staffId).query((rs, n) -> new Stored(rs.getLong("id"), rs.getLong("account_id"),
                rs.getString("file_name"), rs.getBytes("content"), rs.getTimestamp("committed_at") != null))
            .optional().orElseThrow(() -> new ImportRefused(List.of(new Problem(0, "reservation.legacy.error.gone", List.of()))));
        if (stored.committed()) {
            throw new ImportRefused(List.of(new Problem(0, "reservation.legacy.error.committed", List.of())));
        }
        Preview preview = check(stored.content(), facilityAllowed);
        if (!preview.ok()) {
            throw new ImportRefused(preview.problems());
        }
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Long> accountOf = new HashMap<>();
        Map<String, Long> legacyOf = new HashMap<>();
        Map<Long, BookableRoom> rooms = new HashMap<>();
        List<NewBooking> toBook = new ArrayList<>();
        Map<String, Line> lineOf = new HashMap<>();
        int bookers = 0;
        int skipped = 0;
        for (Line l : preview.lines()) {
            if (!accountOf.containsKey(l.bookerId()) && !legacyOf.containsKey(l.bookerId())) {
                Optional<AccountSummary> account = accounts.findByEmail(l.email()).filter(a -> !a.staff());
                if (account.isPresent()) {
                    long id = account.get().id();
                    bookers += this.bookers.registerIfAbsent(id, Residency.valueOf(l.residency())) ? 1 : 0;
                    accountOf.put(l.bookerId(), id);
                } else {
                    int added = jdbc.sql("""
                            insert into reservation_legacy_booker (legacy_id, name, email, residency, imported_at)
                            values (?, ?, ?, ?, ?) on conflict (legacy_id) do nothing""")
                        .params(l.bookerId(), l.name(), l.email(), l.residency(), now).update();
                    bookers += added;
                    var row = jdbc.sql("select id, claimed_by from reservation_legacy_booker where legacy_id = ?")
                        .param(l.bookerId()).query((rs, n) -> {
                            long claimed = rs.getLong("claimed_by");
                            return new long[] {rs.getLong("id"), rs.wasNull() ? 0 : claimed};
                        }).single();
                    legacyOf.put(l.bookerId(), row[0]);
                    if (row[1] != 0) {
                        accountOf.put(l.bookerId(), row[1]);
                    }
                }
            }
            if ("skip".equals(l.action())) {
                skipped++;
                continue;
            }
            if (!"book".equals(l.action())) {
                continue;
            }
            BookableRoom room = rooms.computeIfAbsent(l.roomId(), r -> reservations.room(r).orElseThrow());
            Slot slot = room.slot(l.slot()).orElseThrow();
            Fee fee = MoneyTerms.fee(room.rules(), Residency.valueOf(l.residency()).inWard(), false, slot.code());
            String key = "legacy:" + l.bookingId();
            toBook.add(new NewBooking(l.roomId(), room.facility().id(), l.date(), slot, accountOf.get(l.bookerId()), fee, key,
                null, legacyOf.get(l.bookerId()), l.bookingId()));
            lineOf.put(key, l);
        }
        Map<String, Long> booked = bookingLedger.insertConfirmed(toBook, clock.instant());
        for (NewBooking b : toBook) {
            if (!booked.containsKey(b.key())) {
                Line l = lineOf.get(b.key());
                throw new ImportRefused(List.of(new Problem(l.line(), "reservation.legacy.error.taken",
                    List.of(l.date().toString(), l.slot()))));
            }
        }
        int bookings = booked.size();
        jdbc.sql("update reservation_import set committed_at = ? where id = ?").params(now, importId).update();
        audit.record(AuditEvent.byCurrentActor("reservation.import.commit", null, "import:" + importId,
            AuditDetail.of("reservation.legacy.audit.commit", stored.fileName(), bookers, bookings, skipped)));
        return new Result(bookers, bookings, skipped);
    }

    /** The file did not pass its checks when committed; nothing was written. */
    public static class ImportRefused extends RuntimeException {
        private final List<Problem> problems;

        ImportRefused(List<Problem> problems) {
            super("import refused", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    // ---- claiming ----

    /** Imported bookers with the resident's e-mail address that nobody claimed yet. */
    public record Claimable(long id, String name, String residency, long bookings) {}

    public List<Claimable> claimable(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        return jdbc.sql("""
                select l.id, l.name, l.residency from reservation_legacy_booker l
                where lower(l.email) = lower(?) and l.claimed_by is null order by l.id""")
            .param(email).query((rs, n) -> new Claimable(rs.getLong("id"), rs.getString("name"),
                rs.getString("residency"), 0)).list().stream()
            .map(c -> new Claimable(c.id(), c.name(), c.residency(), bookingLedger.unclaimedOf(c.id()))).toList();
    }

    /**
     * The signed-in resident takes over an imported booker with their own (verified) e-mail address: its bookings
     * become theirs, and its residency becomes their booker registration unless they have one. Returns the number of
     * bookings taken over; -1 when there was nothing to claim.
     */
    @Transactional
    public int claim(long accountId, String email, long legacyBookerId) {
        var row = jdbc.sql("""
                select residency from reservation_legacy_booker where id = ? and lower(email) = lower(?)
                and claimed_by is null for update""").params(legacyBookerId, email).query(String.class).optional();
        if (row.isEmpty()) {
            return -1;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update reservation_legacy_booker set claimed_by = ?, claimed_at = ? where id = ?")
            .params(accountId, now, legacyBookerId).update();
        this.bookers.registerIfAbsent(accountId, Residency.valueOf(row.get()));
        return bookingLedger.claimImported(legacyBookerId, accountId);
    }
}
