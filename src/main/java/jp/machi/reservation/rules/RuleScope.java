package jp.machi.reservation.rules;

import jp.machi.facility.FacilitySummary;
import jp.machi.facility.RoomSummary;

/** Where a rule or slot template applies: the ward (both null), a facility, or a room of a facility. */
public record RuleScope(FacilitySummary facility, RoomSummary room) {

    public static final RuleScope WARD = new RuleScope(null, null);

    public String code() {
        return room != null ? "room:" + room.id() : facility != null ? "facility:" + facility.id() : "ward";
    }

    public String kind() {
        return room != null ? "room" : facility != null ? "facility" : "ward";
    }

    /** The facility id as stored for a facility scope (null for a room or the ward). */
    public String facilityId() {
        return room == null && facility != null ? facility.id() : null;
    }

    public Long roomId() {
        return room == null ? null : room.id();
    }
}
