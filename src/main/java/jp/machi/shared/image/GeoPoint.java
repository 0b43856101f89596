package jp.machi.shared.image;

/** A latitude/longitude, e.g. read from a photo's EXIF: a suggestion for the person, never used silently. */
public record GeoPoint(double lat, double lon) implements java.io.Serializable {

    private static final double EARTH_RADIUS_M = 6_371_000d;

    /**
     * Japan with a margin (latitude 20–46, longitude 122–154): every position Machi takes from a person, a form or a
     * file must lie inside it (the facility table's check constraint has the same bounds).
     */
    public static final double JAPAN_MIN_LAT = 20, JAPAN_MAX_LAT = 46, JAPAN_MIN_LON = 122, JAPAN_MAX_LON = 154;

    /** True for a latitude inside {@link #JAPAN_MIN_LAT Japan's bounds}. */
    public static boolean latitudeInJapan(double lat) {
        return lat >= JAPAN_MIN_LAT && lat <= JAPAN_MAX_LAT;
    }

    /** True for a longitude inside {@link #JAPAN_MIN_LON Japan's bounds}. */
    public static boolean longitudeInJapan(double lon) {
        return lon >= JAPAN_MIN_LON && lon <= JAPAN_MAX_LON;
    }

    /** True when both are given and the point lies inside {@link #JAPAN_MIN_LAT Japan's bounds}. */
    public static boolean inJapan(Double lat, Double lon) {
        return lat != null && lon != null && latitudeInJapan(lat) && longitudeInJapan(lon);
    }

    /**
     * Great-circle distance in metres (haversine on a sphere of the earth's mean radius): good to a few metres at a
     * ward's scale, which is all "within 100 m", "near me" and the districts within a radius ask of it.
     */
    public static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
