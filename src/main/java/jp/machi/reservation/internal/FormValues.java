package jp.machi.reservation.internal;

/** Reading what staff typed into the booking-data forms: names and whole numbers, checked the same way everywhere. */
public final class FormValues {

    private FormValues() {}

    /** The text without surrounding blanks, or null when it is empty or longer than {@code max} characters. */
    public static String text(String raw, int max) {
        String s = raw == null ? "" : raw.strip();
        return s.isEmpty() || s.length() > max ? null : s;
    }

    /** The whole number between {@code min} and {@code max}, or null for anything else (signs, decimals, words). */
    public static Integer whole(String raw, int min, int max) {
        if (raw == null || !raw.strip().matches("\\d{1,9}")) {
            return null;
        }
        long v = Long.parseLong(raw.strip());
        return v < min || v > max ? null : (int) v;
    }

    public static boolean blank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
