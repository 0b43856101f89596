package jp.machi.reservation.groups.internal;

import java.time.LocalDate;
import java.util.Optional;
import jp.machi.reservation.Refused;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.spi.BookingCheck;
import jp.machi.reservation.groups.Eligibility;
import jp.machi.reservation.groups.Group;
import jp.machi.reservation.groups.GroupRefusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may book (individuals, groups, non-residents, per room, facility or ward) and, for a booking made for a group,
 * that the group is approved and valid on the day and under its monthly cap. Runs inside the booking transaction
 * with the representative's booker row locked, so the group cap holds under concurrency (only the representative
 * books for a group). The single writer of {@code reservation_eligibility}.
 */
@Component
public class EligibilityCheck implements BookingCheck {

    private final JdbcClient jdbc;
    private final Bookings bookings;

    EligibilityCheck(JdbcClient jdbc, Bookings bookings) {
        this.jdbc = jdbc;
        this.bookings = bookings;
    }

    /** The most specific rule for the room: room, then facility, then ward; {@link Eligibility#EVERYBODY} without one. */
    public Eligibility forRoom(long roomId, String facilityId) {
        return jdbc.sql("""
                select *, case when room_id is not null then 'room' when facility_id is not null then 'facility' else 'ward' end as scope
                from reservation_eligibility
                where room_id = :room or (facility_id = :facility and room_id is null) or (facility_id is null and room_id is null)
                order by (room_id is null), (facility_id is null) limit 1""")
            .param("room", roomId).param("facility", facilityId)
            .query((rs, n) -> new Eligibility(rs.getBoolean("individuals"), rs.getBoolean("groups"),
                rs.getBoolean("non_residents"), rs.getString("scope"))).optional().orElse(Eligibility.EVERYBODY);
    }

    /** Sets the rule of a facility (every room) or, with {@code roomId}, of one room. */
    public void set(String facilityId, Long roomId, boolean individuals, boolean groups, boolean nonResidents) {
        jdbc.sql("""
                insert into reservation_eligibility (facility_id, room_id, individuals, groups, non_residents)
                values (?, ?, ?, ?, ?)
                on conflict (facility_id, room_id) do update set individuals = excluded.individuals,
                    groups = excluded.groups, non_residents = excluded.non_residents""")
            .params(roomId == null ? facilityId : null, roomId, individuals, groups, nonResidents).update();
    }

    public void clear(String facilityId, Long roomId) {
        if (roomId == null) {
            jdbc.sql("delete from reservation_eligibility where facility_id = ? and room_id is null").param(facilityId).update();
        } else {
            jdbc.sql("delete from reservation_eligibility where room_id = ?").param(roomId).update();
        }
    }

    @Override
    public void check(Request request) {
        Eligibility rule = forRoom(request.room().room().id(), request.room().facility().id());
        Optional<Group> group = request.groupId() == null ? Optional.empty()
            : jdbc.sql("select * from reservation_group where id = ?").param(request.groupId()).query(GroupService::group)
                .optional();
        String excluded = rule.excluded(request.groupId() != null, request.booker().residency().inWard());
        if (excluded != null) {
            throw new Refused(switch (excluded) {
                case "groups" -> GroupRefusal.GROUPS_NOT_ALLOWED;
                case "individuals" -> GroupRefusal.INDIVIDUALS_NOT_ALLOWED;
                default -> GroupRefusal.NON_RESIDENTS_NOT_ALLOWED;
            });
        }
        if (request.groupId() != null) {
            LocalDate today = request.now().toLocalDate();
            if (group.isEmpty() || !group.get().validOn(today) || !group.get().validOn(request.date())) {
                throw new Refused(GroupRefusal.GROUP_NOT_APPROVED);
            }
            int cap = jdbc.sql("select monthly_cap from reservation_group_settings").query(Integer.class).single();
            if (bookings.ofGroupInMonth(group.get().id(), request.date()) >= cap) {
                throw new Refused(GroupRefusal.GROUP_CAP_EXCEEDED);
            }
        }
    }
}
