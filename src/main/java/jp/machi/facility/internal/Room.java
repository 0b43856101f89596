package jp.machi.facility.internal;

import java.math.BigDecimal;
import jp.machi.shared.text.LocalizedText;

/** A room (室場) of a facility. */
public record Room(long id, String facilityId, String nameJa, String nameEn, Integer capacity, BigDecimal floorAreaM2,
                   String equipment, boolean bookable, int sortOrder, boolean demoValues) {

    public LocalizedText name() {
        return new LocalizedText(nameJa, nameEn);
    }
}
