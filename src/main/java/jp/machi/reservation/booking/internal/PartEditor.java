package jp.machi.reservation.booking.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.booking.RoomPart;
import jp.machi.reservation.internal.FormValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The parts of a splittable room (体育館 A面/B面, 集会室 1/2) as staff edit them: the list given replaces the room's
 * parts. A new part is claimed at once by the room's active whole-room bookings (the database's triggers); a part
 * that bookings name cannot go (the foreign key) and is reported instead of removed.
 */
@Service
public class PartEditor {

    public static final int MAX_PARTS = 8;

    /** One row of the form as typed. */
    public record Row(String code, String labelJa, String labelEn, String capacity) {

        boolean blank() {
            return FormValues.blank(code, labelJa, labelEn, capacity);
        }
    }

    private final RoomPartRepository parts;
    private final BookingRepository bookings;
    private final AuditLog audit;

    PartEditor(RoomPartRepository parts, BookingRepository bookings, AuditLog audit) {
        this.parts = parts;
        this.bookings = bookings;
        this.audit = audit;
    }

    /** Checks the rows (blank ones skipped); returns the parts in the order given or throws with every problem. */
    public List<RoomPart> validate(long roomId, List<Row> rows) {
        List<EditRefused.Problem> problems = new ArrayList<>();
        List<RoomPart> result = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.blank()) {
                continue;
            }
            String f = "parts[" + i + "].";
            List<Object> n = List.of(i + 1);
            String code = r.code() == null ? "" : r.code().strip();
            if (!code.matches(RoomPart.CODE)) {
                problems.add(new EditRefused.Problem(f + "code", "reservation.parts.error.code", n));
            } else if (!codes.add(code)) {
                problems.add(new EditRefused.Problem(f + "code", "reservation.parts.error.duplicate", n));
            }
            String ja = FormValues.text(r.labelJa(), 40);
            String en = FormValues.text(r.labelEn(), 40);
            if (ja == null) {
                problems.add(new EditRefused.Problem(f + "labelJa", "reservation.parts.error.labelJa", n));
            }
            if (en == null) {
                problems.add(new EditRefused.Problem(f + "labelEn", "reservation.parts.error.labelEn", n));
            }
            Integer capacity = FormValues.blank(r.capacity()) ? null : FormValues.whole(r.capacity(), 0, 99_999);
            if (!FormValues.blank(r.capacity()) && capacity == null) {
                problems.add(new EditRefused.Problem(f + "capacity", "reservation.parts.error.capacity", n));
            }
            result.add(new RoomPart(roomId, code, ja, en, capacity, (i + 1) * 10));
        }
        if (result.size() == 1) {
            problems.add(new EditRefused.Problem("parts[0].code", "reservation.parts.error.one", List.of()));
        }
        if (result.size() > MAX_PARTS) {
            problems.add(new EditRefused.Problem("parts[0].code", "reservation.parts.error.tooMany", List.of(MAX_PARTS)));
        }
        if (!problems.isEmpty()) {
            throw new EditRefused(problems);
        }
        return result;
    }

    /**
     * Makes {@code wanted} the room's parts: adds and updates them and removes the others. Refused (nothing written)
     * when a part to remove is named by a booking — active or not, the booking history keeps its part. Audited.
     */
    @Transactional
    public void replace(long roomId, List<RoomPart> wanted) {
        Set<String> keep = new HashSet<>();
        wanted.forEach(p -> keep.add(p.code()));
        List<String> gone = parts.of(roomId).stream().map(RoomPart::code).filter(c -> !keep.contains(c)).toList();
        if (!gone.isEmpty()) {
            List<String> used = bookings.partsInUse(roomId, gone);
            if (!used.isEmpty()) {
                throw new EditRefused(List.of(new EditRefused.Problem("parts[0].code", "reservation.parts.error.used",
                    List.of(String.join(", ", used)))));
            }
            parts.delete(roomId, gone);
        }
        for (RoomPart p : wanted) {
            parts.save(p);
        }
        audit.record(AuditEvent.byCurrentActor("reservation.parts.update", null, "parts:room:" + roomId,
            wanted.isEmpty() ? AuditDetail.of("reservation.booking.audit.parts.none")
                : AuditDetail.of("reservation.booking.audit.parts", AuditDetail.named(
                    wanted.stream().map(x -> x.labelJa()).collect(java.util.stream.Collectors.joining("、")),
                    wanted.stream().map(x -> x.labelEn()).collect(java.util.stream.Collectors.joining(", "))))));
    }
}
