package jp.machi.reservation.booking;

import java.util.Locale;

/** One part of a splittable room (体育館 A面, 集会室 1 …), bookable on its own; {@code capacity} may be null. */
public record RoomPart(long roomId, String code, String labelJa, String labelEn, Integer capacity, int sortOrder) {

    /** What a part code may look like (the table's check). */
    public static final String CODE = "[a-z0-9-]{1,16}";

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelJa;
    }
}
