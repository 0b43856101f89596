package jp.machi.opendata;

/** How often a dataset changes (DCAT's dct:accrualPeriodicity, the EU frequency vocabulary). */
public enum UpdateFrequency {
    /** Generated from the current data at every download. */
    CONTINUOUS("CONT"),
    DAILY("DAILY"),
    MONTHLY("MONTHLY"),
    ANNUAL("ANNUAL"),
    IRREGULAR("IRREG");

    private final String euCode;

    UpdateFrequency(String euCode) {
        this.euCode = euCode;
    }

    /** The URI in http://publications.europa.eu/resource/authority/frequency. */
    public String uri() {
        return "http://publications.europa.eu/resource/authority/frequency/" + euCode;
    }
}
