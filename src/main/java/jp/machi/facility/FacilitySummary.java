package jp.machi.facility;

import jp.machi.shared.text.LocalizedText;

/** A facility as other modules see it. Coordinates are null when unknown. */
public record FacilitySummary(String id, LocalizedText name, String address, String departmentCode,
                              Double lat, Double lon) {}
