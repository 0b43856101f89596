package jp.machi.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks the chain on a schedule ({@code machi.audit.anchor.interval}, default every hour), so that a checkpoint is
 * anchored outside the database (anchor file, auditors' mail) even when nobody presses the button: entries deleted
 * from the end of the log are then noticed as long as they were recorded before the latest anchor. A failed check
 * is mailed too.
 */
@Component
class AuditAnchoring {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchoring.class);

    private final AuditChainVerifier verifier;

    AuditAnchoring(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Scheduled(fixedDelayString = "${machi.audit.anchor.interval:PT1H}",
        initialDelayString = "${machi.audit.anchor.interval:PT1H}")
    void anchor() {
        AuditChainCheck result = verifier.verify(null, true);
        if (!result.ok()) {
            log.error("The audit log check found faults: {}", result.summary());
        }
    }
}
