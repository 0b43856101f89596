package jp.machi.reservation.groups.internal;

import java.util.List;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's place in groups: the member rows that name them (by account or by address) with the group and their
 * role. Erasure removes those rows; a group the person represented is <b>withdrawn</b> — a ward cannot keep a
 * registration without the person who answers for it — and its other members are released (free to join or register
 * another group). The group row itself stays, without its representative, because its bookings and lottery entries
 * name it; staff see it as withdrawn.
 */
@Component
class GroupPersonalData implements PersonalData {

    record Membership(long groupId, String group, String groupState, boolean representative, String name, String email,
                      boolean inWard, boolean active) {}

    private final JdbcClient jdbc;

    GroupPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "reservation.groups";
    }

    @Override
    public Object export(DataSubject person) {
        return jdbc.sql("""
                select g.id, g.name, g.status, m.representative, m.name as member_name, m.email, m.in_ward, m.active
                from reservation_group_member m join reservation_group g on g.id = m.group_id
                where m.account_id = :account or lower(m.email) = any(:emails) order by g.id, m.id""")
            .param("account", person.accountId()).param("emails", person.emails().toArray(String[]::new))
            .query((rs, n) -> new Membership(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8))).list();
    }

    @Override
    public void erase(DataSubject person) {
        List<Long> represented = jdbc.sql("select id from reservation_group where representative_account_id = ?")
            .param(person.accountId()).query(Long.class).list();
        if (!represented.isEmpty()) {
            Long[] ids = represented.toArray(Long[]::new);
            jdbc.sql("""
                    update reservation_group set representative_account_id = null, renewal_requested_at = null,
                        status = case when status in ('PENDING', 'APPROVED') then 'WITHDRAWN' else status end
                    where id = any(?)""").param(ids).update();
            jdbc.sql("update reservation_group_member set active = false where group_id = any(?)").param(ids).update();
        }
        jdbc.sql("delete from reservation_group_member where account_id = :account or lower(email) = any(:emails)")
            .param("account", person.accountId()).param("emails", person.emails().toArray(String[]::new)).update();
    }
}
