package jp.machi.reservation.legacy.internal;

import java.time.Instant;
import jp.machi.shared.manifest.DataSubject;
import jp.machi.shared.manifest.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People imported from the legacy system that are this person: the ones they claimed and the ones imported under one
 * of their addresses. Erasure keeps each imported booker as a number (its bookings name it) without name, address or
 * the account that claimed it.
 */
@Component
class LegacyPersonalData implements PersonalData {

    record ImportedBooker(long id, String legacyId, String name, String email, String residency, Instant importedAt,
                          Instant claimedAt) {}

    private final JdbcClient jdbc;

    LegacyPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "reservation.legacy-bookers";
    }

    @Override
    public Object export(DataSubject person) {
        return jdbc.sql("""
                select id, legacy_id, name, email, residency, imported_at, claimed_at from reservation_legacy_booker
                where claimed_by = :account or lower(email) = any(:emails) order by id""")
            .param("account", person.accountId()).param("emails", person.emails().toArray(String[]::new))
            .query((rs, n) -> new ImportedBooker(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant())).list();
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("""
                update reservation_legacy_booker set name = '（削除済み）', email = 'erased-' || id || '@invalid',
                    claimed_by = null
                where claimed_by = :account or lower(email) = any(:emails)""")
            .param("account", person.accountId()).param("emails", person.emails().toArray(String[]::new)).update();
    }
}
