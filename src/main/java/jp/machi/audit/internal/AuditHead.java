package jp.machi.audit.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The highest entry number this instance has seen committed (its own appends, and what its checks read). Kept in
 * memory, outside the database: when entries recorded after the last checkpoint are deleted while Machi runs, the
 * next check finds the log shorter than this mark.
 */
@Component
class AuditHead {

    private final AtomicLong highest = new AtomicLong();

    void reached(long id) {
        highest.accumulateAndGet(id, Math::max);
    }

    long highest() {
        return highest.get();
    }
}
