package jp.machi.reservation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.OnlinePayment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reservation side of {@link OnlinePayment}: an online provider's adapter reports a confirmed payment here and
 * the booking becomes paid as at the counter (only an active, unpaid booking whose fee is exactly the amount).
 */
@Component
class OnlineSettlement implements OnlinePayment.Settlement {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    OnlineSettlement(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean paid(long bookingId, int amountYen, String providerReference) {
        Long booker = jdbc.sql("""
                update reservation_booking set paid_at = ? where id = ? and status = 'CONFIRMED' and paid_at is null
                and fee = ? returning booker_account_id""")
            .params(Timestamp.from(clock.instant()), bookingId, amountYen).query(Long.class).optional().orElse(null);
        if (booker == null) {
            return false;
        }
        audit.record(AuditEvent.system("reservation.booking.paid-online", booker, "booking:" + bookingId,
            "fee " + amountYen + " ref " + providerReference));
        return true;
    }
}
