package jp.machi.facility.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.machi.shared.text.LocalizedText;

/**
 * A facility's master data, attributes and opening-hours rules. Barrier-free attributes are {@code null} when
 * unknown, which is not the same as "no".
 */
public record Facility(String id, String nameJa, String nameKana, String nameEn, String address, Double lat, Double lon,
                       String phone, String url, String departmentCode,
                       Boolean stepFreeEntrance, Boolean elevator, Boolean accessibleToilet, Boolean ostomate,
                       Boolean accessibleParking, Boolean brailleBlocks, Boolean hearingLoop,
                       Boolean aed, String aedLocation, Boolean wifi, String wifiProvider, String wifiSsid,
                       List<String> languages, String notes, Set<String> hazards, String shelterAccepts,
                       boolean demoValues, String source, String attribution,
                       String yearEndFrom, String yearEndTo, Integer weeklyClosedDay, HolidayRule holidayRule,
                       boolean closedOnHolidays, List<String> categories) {

    /** The barrier-free attributes in display order (the key is the message suffix and the API name). */
    public static final List<String> FEATURES = List.of("stepFreeEntrance", "elevator", "accessibleToilet", "ostomate",
        "accessibleParking", "brailleBlocks", "hearingLoop");

    /** GSI hazard codes in the order of the 指定緊急避難場所 standard. */
    public static final List<String> HAZARDS = List.of("flood", "landslide", "storm_surge", "earthquake", "tsunami",
        "fire", "inland_flood", "volcano");

    public Facility {
        languages = languages == null ? List.of() : List.copyOf(languages);
        hazards = hazards == null ? Set.of() : Set.copyOf(hazards);
        categories = categories == null ? List.of() : List.copyOf(categories);
        holidayRule = holidayRule == null ? HolidayRule.CLOSE_ANYWAY : holidayRule;
    }

    public LocalizedText name() {
        return new LocalizedText(nameJa, nameEn);
    }

    public String name(Locale locale) {
        return name().in(locale);
    }

    public boolean hasLocation() {
        return lat != null && lon != null;
    }

    /** The barrier-free attribute by its name in {@link #FEATURES}. */
    public Boolean feature(String name) {
        return switch (name) {
            case "stepFreeEntrance" -> stepFreeEntrance;
            case "elevator" -> elevator;
            case "accessibleToilet" -> accessibleToilet;
            case "ostomate" -> ostomate;
            case "accessibleParking" -> accessibleParking;
            case "brailleBlocks" -> brailleBlocks;
            case "hearingLoop" -> hearingLoop;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The database column of a barrier-free attribute. */
    public static String featureColumn(String name) {
        return switch (name) {
            case "stepFreeEntrance" -> "step_free_entrance";
            case "elevator" -> "elevator";
            case "accessibleToilet" -> "accessible_toilet";
            case "ostomate" -> "ostomate";
            case "accessibleParking" -> "accessible_parking";
            case "brailleBlocks" -> "braille_blocks";
            case "hearingLoop" -> "hearing_loop";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
