package jp.machi.reservation.rules.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.EditRefused;
import jp.machi.reservation.internal.FormValues;
import jp.machi.reservation.rules.RoomRules;
import jp.machi.reservation.rules.RuleScope;
import jp.machi.reservation.rules.Slot;
import jp.machi.reservation.rules.SlotUsage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slot templates (コマ) as data that staff edit: the ward's default slots, a facility's, or one room's (the most specific
 * scope wins, as for rules). Replacing a scope's slots is refused while it would strand a booking — an active booking
 * from today on in a room that takes its slots from this scope, whose slot (code and times) is not in the new list —
 * or while a lottery round not yet drawn covers such a room, because both refer to slots by their code. New slots of
 * one scope must not overlap: the database keeps one booking per room, day and slot code, so two overlapping slots
 * would let two people book the same hour.
 */
@Service
public class SlotEditor {

    /** The most slots one scope may have (a sports grid of 30-minute units from 07:00 to 22:00 would need 30). */
    public static final int MAX_SLOTS = 16;

    /** One row of the form as typed. */
    public record Row(String code, String labelJa, String labelEn, String start, String end) {

        boolean blank() {
            return FormValues.blank(code, labelJa, labelEn, start, end);
        }
    }

    private final RuleRepository repository;
    private final RoomRules rules;
    private final List<SlotUsage> usages;
    private final AuditLog audit;

    SlotEditor(RuleRepository repository, RoomRules rules, List<SlotUsage> usages, AuditLog audit) {
        this.repository = repository;
        this.rules = rules;
        this.usages = List.copyOf(usages);
        this.audit = audit;
    }

    /** Checks the rows; returns the slots in the order given, or throws with every problem. Blank rows are skipped. */
    public List<Slot> validate(List<Row> rows) {
        List<EditRefused.Problem> problems = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.blank()) {
                continue;
            }
            String f = "slots[" + i + "].";
            List<Object> n = List.of(i + 1);
            String code = r.code() == null ? "" : r.code().strip();
            if (!code.matches("[a-z0-9-]{1,16}")) {
                problems.add(new EditRefused.Problem(f + "code", "reservation.slots.error.code", n));
            } else if (!codes.add(code)) {
                problems.add(new EditRefused.Problem(f + "code", "reservation.slots.error.duplicate", n));
            }
            String ja = FormValues.text(r.labelJa(), 40);
            String en = FormValues.text(r.labelEn(), 40);
            if (ja == null) {
                problems.add(new EditRefused.Problem(f + "labelJa", "reservation.slots.error.labelJa", n));
            }
            if (en == null) {
                problems.add(new EditRefused.Problem(f + "labelEn", "reservation.slots.error.labelEn", n));
            }
            LocalTime start = time(r.start());
            LocalTime end = time(r.end());
            if (start == null) {
                problems.add(new EditRefused.Problem(f + "start", "reservation.slots.error.time", n));
            }
            if (end == null) {
                problems.add(new EditRefused.Problem(f + "end", "reservation.slots.error.time", n));
            }
            if (start != null && end != null && !start.isBefore(end)) {
                problems.add(new EditRefused.Problem(f + "end", "reservation.slots.error.order", n));
            }
            if (start != null && end != null && start.isBefore(end)) {
                slots.add(new Slot(code, ja, en, start, end));
                rowOf.add(i);
            }
        }
        if (slots.size() > MAX_SLOTS) {
            problems.add(new EditRefused.Problem("slots[0].code", "reservation.slots.error.tooMany", List.of(MAX_SLOTS)));
        }
        for (int a = 0; a < slots.size(); a++) {
            for (int b = a + 1; b < slots.size(); b++) {
                if (slots.get(a).start().isBefore(slots.get(b).end()) && slots.get(b).start().isBefore(slots.get(a).end())) {
                    problems.add(new EditRefused.Problem("slots[" + rowOf.get(b) + "].start", "reservation.slots.error.overlap",
                        List.of(rowOf.get(b) + 1, rowOf.get(a) + 1)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new EditRefused(problems);
        }
        return slots;
    }

    private static LocalTime time(String s) {
        if (s == null || !s.strip().matches("\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            return LocalTime.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Replaces the scope's own slots by {@code slots}; an empty list gives the scope back to the wider one's slots
     * (refused for the ward, which has none wider). Throws {@link EditRefused} when a booking or a lottery round not
     * yet drawn would be stranded; nothing is written then. The change is audited.
     */
    @Transactional
    public void replace(RuleScope scope, List<Slot> slots, LocalDate today) {
        if (slots.isEmpty() && scope.room() == null && scope.facility() == null) {
            throw new EditRefused(List.of(new EditRefused.Problem("slots[0].code", "reservation.slots.error.wardEmpty", List.of())));
        }
        repository.lockSlots();
        List<Slot> effective = slots.isEmpty() ? rules.inheritedSlots(scope) : slots;
        SlotUsage.Rooms rooms = new SlotUsage.Rooms(scope.roomId(), scope.facility() == null ? null : scope.facility().id(),
            repository.roomsWithOwnSlots(), repository.facilitiesWithOwnSlots());
        List<EditRefused.Problem> problems = new ArrayList<>();
        for (SlotUsage usage : usages) {
            problems.addAll(usage.problems(rooms, effective, today));
        }
        if (!problems.isEmpty()) {
            throw new EditRefused(problems);
        }
        repository.replaceSlots(scope.facilityId(), scope.roomId(), slots);
        audit.record(AuditEvent.byCurrentActor("reservation.slots.update", null, "slots:" + scope.code(),
            slots.isEmpty() ? AuditDetail.of("reservation.rules.audit.slots.inherit")
                : AuditDetail.of("reservation.rules.audit.slots", AuditDetail.named(
                    slots.stream().map(x -> x.labelJa() + " " + x.start() + "〜" + x.end()).collect(java.util.stream.Collectors.joining("、")),
                    slots.stream().map(x -> x.labelEn() + " " + x.start() + "–" + x.end()).collect(java.util.stream.Collectors.joining(", "))))));
    }
}
