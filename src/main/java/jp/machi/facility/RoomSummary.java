package jp.machi.facility;

import jp.machi.shared.text.LocalizedText;

/** A room (室場) as other modules see it; capacity is null when unknown. */
public record RoomSummary(long id, String facilityId, LocalizedText name, Integer capacity, boolean bookable) {}
