package jp.machi.notification.internal;

import java.time.Instant;
import java.util.List;

/**
 * A person's subscription on one channel: the ward's information mail ({@code listId} null: topics in areas) or
 * one list. {@code areas} are the districts the person chose; empty with no point means the whole ward.
 */
public record Subscription(long id, Long listId, String email, Long accountId, String language, String status,
                           String label, Double nearLat, Double nearLon, Integer nearRadiusM, Instant createdAt,
                           Instant confirmedAt, Instant mailedAt, List<String> topics, List<String> areas) {

    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public boolean isList() {
        return listId != null;
    }

    public boolean hasPoint() {
        return nearRadiusM != null;
    }

    /** The whole ward: no district chosen and no point. */
    public boolean wardWide() {
        return areas.isEmpty() && !hasPoint();
    }
}
