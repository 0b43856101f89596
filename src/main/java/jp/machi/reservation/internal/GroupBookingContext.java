package jp.machi.reservation.internal;

import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Says, inside a booking transaction, that the booking is made for a group: {@link GroupService#bookForGroup} binds
 * the group before calling {@link ReservationService#book}, and the checks ({@link EligibilityCheck}) read it.
 */
final class GroupBookingContext {

    private static final Object KEY = GroupBookingContext.class;

    private GroupBookingContext() {}

    static void bind(Group group) {
        TransactionSynchronizationManager.bindResource(KEY, group);
    }

    static void unbind() {
        if (TransactionSynchronizationManager.hasResource(KEY)) {
            TransactionSynchronizationManager.unbindResource(KEY);
        }
    }

    static Optional<Group> current() {
        return Optional.ofNullable((Group) TransactionSynchronizationManager.getResource(KEY));
    }
}
