package jp.machi.reservation.booking;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.reservation.booking.internal.BookerRepository;
import jp.machi.shared.security.CurrentActor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Booker registration (利用者登録): what a person declared about living, working or studying in the ward. */
@Service
public class Bookers {

    private final BookerRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    Bookers(BookerRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Booker> booker(long accountId) {
        return repository.find(accountId);
    }

    /** The declared residency of each registered account among {@code accountIds}. */
    public Map<Long, Residency> residencies(Collection<Long> accountIds) {
        return repository.residencies(accountIds);
    }

    /** The person declares (again); a staff member acting for them at a counter is recorded in the audit log. */
    @Transactional
    public void register(long accountId, Residency residency) {
        repository.register(accountId, residency, clock.instant());
        if (CurrentActor.actingFor().isPresent()) {
            audit.record(AuditEvent.byCurrentActor("reservation.booker.register", accountId, "booker:" + accountId,
                AuditDetail.of("reservation.booking.audit.booker", AuditDetail.word(residencyKey(residency)))));
        }
    }

    /** Registers a person who is not registered yet (an import, demo data); true when they were not. */
    @Transactional
    public boolean registerIfAbsent(long accountId, Residency residency) {
        return repository.registerIfAbsent(accountId, residency, clock.instant());
    }

    /**
     * A staff member at the counter, acting for the resident, saw a document for their residency: records the kind of
     * document and the residency it shows (which corrects the declaration when it differs), audited with the declared
     * and the confirmed residency. False when the person is not registered as a booker.
     */
    @Transactional
    public boolean confirmEvidence(long accountId, Residency residency, String kind, long staffId) {
        if (!Booker.EVIDENCE_KINDS.contains(kind)) {
            throw new IllegalArgumentException("evidence kind " + kind);
        }
        Optional<Booker> before = repository.lock(accountId);
        if (before.isEmpty() || !repository.evidenceChecked(accountId, residency, kind, staffId, clock.instant())) {
            return false;
        }
        Residency declared = before.get().residency();
        audit.record(AuditEvent.byCurrentActor("reservation.booker.evidence", accountId, "booker:" + accountId,
            declared == residency
                ? AuditDetail.of("reservation.booking.audit.evidence", AuditDetail.word("reservation.evidence.kind." + kind),
                    AuditDetail.word(residencyKey(residency)))
                : AuditDetail.of("reservation.booking.audit.evidence.changed", AuditDetail.word("reservation.evidence.kind." + kind),
                    AuditDetail.word(residencyKey(residency)), AuditDetail.word(residencyKey(declared)))));
        return true;
    }

    private static String residencyKey(Residency r) {
        return "reservation.residency." + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
