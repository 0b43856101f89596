package jp.machi.facility.internal;

import java.util.List;
import java.util.Set;

/**
 * What to look for; every part is optional. {@code features} are barrier-free attribute names from
 * {@link Facility#FEATURES} that must be known to be present.
 *
 * @param bbox minLon, minLat, maxLon, maxLat or null
 */
public record FacilityQuery(String q, Set<String> categories, double[] bbox, Boolean wifi, Boolean aed,
                            Set<String> features, Set<String> departments) {

    public FacilityQuery {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
        features = features == null ? Set.of() : Set.copyOf(features);
    }

    public static FacilityQuery all() {
        return new FacilityQuery(null, Set.of(), null, null, null, Set.of(), null);
    }

    List<String> terms() {
        return SearchText.terms(q);
    }
}
