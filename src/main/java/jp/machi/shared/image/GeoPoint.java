package jp.machi.shared.image;

/** A latitude/longitude, e.g. read from a photo's EXIF: a suggestion for the person, never used silently. */
public record GeoPoint(double lat, double lon) implements java.io.Serializable {

    private static final double EARTH_RADIUS_M = 6_371_000d;

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
