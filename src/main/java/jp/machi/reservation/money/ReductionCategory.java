package jp.machi.reservation.money;

import java.util.Locale;

/** A reduction category (減免区分) and the share of the fee it waives once staff approve it. */
public record ReductionCategory(String code, String labelJa, String labelEn, int percent) {

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? labelEn : labelJa;
    }

    /** The fee after this reduction (rounded down to the yen in the booker's favour). */
    public int apply(int fee) {
        return fee - (int) Math.ceil(fee * percent / 100.0);
    }
}
