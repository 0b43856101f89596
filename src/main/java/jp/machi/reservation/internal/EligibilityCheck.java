package jp.machi.reservation.internal;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may book (individuals, groups, non-residents, per room, facility or ward) and, for a booking made for a group,
 * that the group is approved and valid on the day and under its monthly cap. Runs inside the booking transaction
 * with the representative's booker row locked, so the group cap holds under concurrency (only the representative
 * books for a group).
 */
@Component
public class EligibilityCheck implements BookingCheck {

    private final JdbcClient jdbc;

    EligibilityCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        Optional<Group> group = GroupBookingContext.current();
        String excluded = rule.excluded(group.isPresent(), request.booker().residency().inWard());
        if (excluded != null) {
            throw new ReservationException(switch (excluded) {
                case "groups" -> Refusal.GROUPS_NOT_ALLOWED;
                case "individuals" -> Refusal.INDIVIDUALS_NOT_ALLOWED;
                default -> Refusal.NON_RESIDENTS_NOT_ALLOWED;
            });
        }
        if (group.isPresent()) {
            Group g = group.get();
            LocalDate today = request.now().toLocalDate();
            if (!g.validOn(today) || !g.validOn(request.date())) {
                throw new ReservationException(Refusal.GROUP_NOT_APPROVED);
            }
            int cap = jdbc.sql("select monthly_cap from reservation_group_settings").query(Integer.class).single();
            LocalDate first = request.date().withDayOfMonth(1);
            long used = jdbc.sql("""
                    select count(*) from reservation_booking where group_id = ? and status in ('PROVISIONAL', 'CONFIRMED')
                    and use_date >= ? and use_date < ?""").params(g.id(), first, first.plusMonths(1)).query(Long.class).single();
            if (used >= cap) {
                throw new ReservationException(Refusal.GROUP_CAP_EXCEEDED);
            }
        }
    }
}
