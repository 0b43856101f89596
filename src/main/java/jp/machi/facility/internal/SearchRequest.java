package jp.machi.facility.internal;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.machi.shared.image.GeoPoint;
import jp.machi.shared.time.MachiClock;

/**
 * Reads the search parameters of the pages and the API into a {@link FacilityQuery}; every bad value becomes a
 * {@link Problem} naming the parameter (never an exception).
 */
public final class SearchRequest {

    public static final int MAX_QUERY = 100;

    /** One bad parameter; {@code messageKey} is a key of messages/facility. */
    public record Problem(String parameter, String messageKey) {}

    /** The outcome. {@code near} is lat, lon or null. */
    public record Parsed(FacilityQuery query, LocalDateTime openAt, boolean openOnly, double[] near, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private SearchRequest() {}

    /**
     * @param features barrier-free attribute names, e.g. stepFreeEntrance
     */
    public static Parsed parse(String q, List<String> categories, Set<String> knownCategories, String bbox, String wifi,
                               String aed, List<String> features, String openAt, String openNow, String lat, String lon) {
        List<Problem> problems = new ArrayList<>();
        if (q != null && q.length() > MAX_QUERY) {
            problems.add(new Problem("q", "facility.error.q"));
        }
        Set<String> cats = new LinkedHashSet<>();
        for (String c : categories == null ? List.<String>of() : categories) {
            if (c == null || c.isBlank()) {
                continue;
            }
            if (!knownCategories.contains(c)) {
                problems.add(new Problem("category", "facility.error.category"));
                break;
            }
            cats.add(c);
        }
        double[] box = null;
        if (bbox != null && !bbox.isBlank()) {
            box = jp.machi.shared.text.NumberInput.decimals(bbox, 4);
            if (box == null || box[0] > box[2] || box[1] > box[3] || box[0] < -180 || box[2] > 180 || box[1] < -90
                || box[3] > 90) {
                problems.add(new Problem("bbox", "facility.error.bbox"));
                box = null;
            }
        }
        Boolean wifiValue = bool(wifi, "wifi", problems);
        Boolean aedValue = bool(aed, "aed", problems);
        Set<String> feats = new LinkedHashSet<>();
        for (String f : features == null ? List.<String>of() : features) {
            if (f == null || f.isBlank()) {
                continue;
            }
            if (!Facility.FEATURES.contains(f)) {
                problems.add(new Problem("feature", "facility.error.feature"));
                break;
            }
            feats.add(f);
        }
        LocalDateTime at = null;
        if (openAt != null && !openAt.isBlank()) {
            at = dateTime(openAt.strip());
            if (at == null) {
                problems.add(new Problem("openAt", "facility.error.openAt"));
            }
        }
        Boolean openOnly = bool(openNow, "openNow", problems);
        double[] near = null;
        boolean hasLat = lat != null && !lat.isBlank();
        boolean hasLon = lon != null && !lon.isBlank();
        if (hasLat || hasLon) {
            Double la = jp.machi.shared.text.NumberInput.decimal(lat);
            Double lo = jp.machi.shared.text.NumberInput.decimal(lon);
            if (!GeoPoint.inJapan(la, lo)) {
                problems.add(new Problem(la == null || !GeoPoint.latitudeInJapan(la) ? "lat" : "lon", "facility.error.location"));
            } else {
                near = new double[] {la, lo};
            }
        }
        FacilityQuery query = new FacilityQuery(q == null ? null : q.strip(), cats, box, wifiValue, aedValue, feats, null);
        return new Parsed(query, at, Boolean.TRUE.equals(openOnly) || (at != null && openAt != null), near, List.copyOf(problems));
    }

    /** An ISO date-time with offset, or a local one read in Asia/Tokyo. */
    static LocalDateTime dateTime(String s) {
        try {
            return inRange(OffsetDateTime.parse(s).atZoneSameInstant(MachiClock.ZONE).toLocalDateTime());
        } catch (DateTimeParseException e) {
            try {
                return inRange(LocalDateTime.parse(s));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static LocalDateTime inRange(LocalDateTime t) {
        return jp.machi.shared.time.DateInput.inRange(t.toLocalDate()) ? t : null;
    }

    private static Boolean bool(String s, String name, List<Problem> problems) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return switch (s.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(new Problem(name, "facility.error.boolean"));
                yield null;
            }
        };
    }
}
