package jp.machi.reservation.groups;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A maintenance block (点検・工事) or administrative use (行政使用) of a room, or of every room of a facility when
 * {@code roomId} is null, from {@code from} to {@code to} (both included), for some slots ({@code slotCodes} empty =
 * every slot).
 */
public record Block(long id, String facilityId, Long roomId, Kind kind, LocalDate from, LocalDate to,
                    List<String> slotCodes, String reason, long createdBy, Instant createdAt) {

    public enum Kind {
        MAINTENANCE, ADMIN_USE;

        /** maintenance or admin-use: the availability reason code and the message key part. */
        public String slug() {
            return this == MAINTENANCE ? "maintenance" : "admin-use";
        }
    }

    public boolean covers(long room, LocalDate day, String slotCode) {
        return (roomId == null || roomId == room) && !day.isBefore(from) && !day.isAfter(to)
            && (slotCodes.isEmpty() || slotCodes.contains(slotCode));
    }
}
