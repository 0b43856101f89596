package jp.machi.facility;

import java.util.List;
import java.util.Set;

/**
 * What a resident may filter facilities by: the facility's category codes and the barrier-free features it is
 * known to have (names from {@link #BARRIER_FREE}; a feature that is unknown or absent is not in the set).
 */
public record FacilityTraits(String facilityId, List<String> categories, Set<String> barrierFree) {

    /** The barrier-free features, in display order; message keys {@code facility.feature.<name>}. */
    public static final List<String> BARRIER_FREE = List.of("stepFreeEntrance", "elevator", "accessibleToilet",
        "ostomate", "accessibleParking", "brailleBlocks", "hearingLoop");

    public FacilityTraits {
        categories = List.copyOf(categories);
        barrierFree = Set.copyOf(barrierFree);
    }
}
