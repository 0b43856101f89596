package jp.machi.notification.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.machi.ward.DistrictCentres;
import jp.machi.ward.WardProfile;
import jp.machi.shared.image.GeoPoint;
import org.springframework.stereotype.Component;

/**
 * The areas residents subscribe to: the ward profile's districts (町丁目), whose name is also their code, and a
 * radius around a point, turned into the districts whose approximate centre lies inside it (always at least the
 * nearest one). The centres are the mean of the GSI shelter points in each district
 * (the ward module's {@link DistrictCentres}; see NOTICE): an approximation, said so on the subscription page.
 */
@Component
public class Areas {

    public static final int MIN_RADIUS_M = 100;
    public static final int MAX_RADIUS_M = 5000;

    private final List<String> districts;
    private final Map<String, double[]> centres = new LinkedHashMap<>();
    private final DistrictCentres known;

    public Areas(WardProfile ward, DistrictCentres known) {
        this.districts = ward.districts();
        this.known = known;
        for (String d : known.districts()) {
            if (districts.contains(d)) {
                known.centre(d).ifPresent(c -> centres.put(d, new double[] {c.lat(), c.lon()}));
            }
        }
    }

    /** Every district, in the profile's order. */
    public List<String> districts() {
        return districts;
    }

    /** A district's name for a page or mail in that language (romanised in English when the ward gives it). */
    public String name(String district, java.util.Locale locale) {
        return known.name(district, locale);
    }

    public boolean isDistrict(String code) {
        return code != null && districts.contains(code);
    }

    /** True when radius subscriptions are possible (the profile's districts have centres). */
    public boolean radiusSupported() {
        return !centres.isEmpty();
    }

    public double[] centre(String district) {
        return centres.get(district);
    }

    /** The districts whose centre is within {@code radiusM} of the point, nearest first; at least the nearest. */
    public List<String> within(double lat, double lon, int radiusM) {
        List<Map.Entry<String, Double>> byDistance = new ArrayList<>();
        centres.forEach((d, c) -> byDistance.add(Map.entry(d, GeoPoint.metres(lat, lon, c[0], c[1]))));
        byDistance.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        Set<String> inside = new LinkedHashSet<>();
        for (var e : byDistance) {
            if (e.getValue() <= radiusM || inside.isEmpty()) {
                inside.add(e.getKey());
            }
        }
        return List.copyOf(inside);
    }
}
