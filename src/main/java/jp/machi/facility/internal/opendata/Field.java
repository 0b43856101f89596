package jp.machi.facility.internal.opendata;

/**
 * A value of the facility master that a standard CSV column reads and writes. Each has a canonical string form
 * (see {@link Values}) so that a file and the database can be compared field by field.
 */
enum Field {
    NAME("name_ja", Type.TEXT),
    KANA("name_kana", Type.TEXT),
    NAME_EN("name_en", Type.TEXT),
    NAME_COMMON("name_common", Type.TEXT),
    ADDRESS("address", Type.TEXT),
    ADDRESS_DETAIL("address_detail", Type.TEXT),
    POSTAL_CODE("postal_code", Type.POSTAL_CODE),
    LAT("lat", Type.LATITUDE),
    LON("lon", Type.LONGITUDE),
    PHONE("phone", Type.PHONE),
    PHONE_EXTENSION("phone_extension", Type.TEXT),
    FAX("fax", Type.PHONE),
    EMAIL("email", Type.EMAIL),
    URL("url", Type.URL),
    CORPORATE_NUMBER("corporate_number", Type.CORPORATE_NUMBER),
    OPERATOR("operator_name", Type.TEXT),
    CAPACITY("capacity", Type.COUNT),
    AED_LOCATION("aed_location", Type.TEXT),
    AED_CHILD_PADS("aed_pads_child", Type.YES_NO),
    AED_HOURS_NOTE("aed_available_hours", Type.TEXT),
    WIFI_PROVIDER("wifi_provider", Type.TEXT),
    WIFI_SSID("wifi_ssid", Type.TEXT),
    WIFI_URL("wifi_url", Type.URL),
    HOURS_NOTE("hours_note", Type.TEXT),
    /** 車椅子可 (公共施設一覧): a step-free entrance, written 可/不可 as the column asks "may a wheelchair enter". */
    STEP_FREE_ENTRANCE("step_free_entrance", Type.ALLOWED),
    /** スロープ、エレベータ、エスカレータ: the column is broader than an elevator; see docs/modules/facility.md. */
    ELEVATOR("elevator", Type.YES_NO),
    ACCESSIBLE_TOILET("accessible_toilet", Type.YES_NO),
    OSTOMATE("ostomate", Type.YES_NO),
    ACCESSIBLE_PARKING("accessible_parking", Type.YES_NO),
    BRAILLE_BLOCKS("braille_blocks", Type.YES_NO),
    NURSING_ROOM("nursing_room", Type.YES_NO),
    NOTES("notes", Type.TEXT),
    HAZARD_FLOOD("hazard_flood", Type.FLAG),
    HAZARD_LANDSLIDE("hazard_landslide", Type.FLAG),
    HAZARD_STORM_SURGE("hazard_storm_surge", Type.FLAG),
    HAZARD_EARTHQUAKE("hazard_earthquake", Type.FLAG),
    HAZARD_TSUNAMI("hazard_tsunami", Type.FLAG),
    HAZARD_FIRE("hazard_fire", Type.FLAG),
    HAZARD_INLAND_FLOOD("hazard_inland_flood", Type.FLAG),
    HAZARD_VOLCANO("hazard_volcano", Type.FLAG),
    /** 指定避難所との重複: the facility is also in the 指定避難所 category. */
    ALSO_SHELTER(null, Type.FLAG),
    /** 利用可能曜日 + 開始時間 + 終了時間 together, against the weekly opening pattern. */
    WEEKLY_HOURS(null, Type.HOURS);

    /**
     * How a value is checked and written. {@code YES_NO} (有/無) and {@code ALLOWED} (可/不可) are both a boolean that
     * may be unknown (empty); they read the same words and differ only in the words they write.
     */
    enum Type { TEXT, POSTAL_CODE, LATITUDE, LONGITUDE, PHONE, EMAIL, URL, CORPORATE_NUMBER, COUNT, YES_NO, ALLOWED, FLAG, HOURS }

    final String column;
    final Type type;

    Field(String column, Type type) {
        this.column = column;
        this.type = type;
    }

    /** The key of the field's name in messages (facility.data.field.*). */
    String messageKey() {
        return "facility.data.field." + name();
    }
}
