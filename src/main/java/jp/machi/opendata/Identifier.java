package jp.machi.opendata;

/**
 * Kinds of identifiers that link a dataset to others (the ★★★★ and ★★★★★ of 5-star open data). A kind with a URI
 * template names things by URI on this site; a national kind is shared with other publishers' data.
 */
public enum Identifier {
    /** 全国地方公共団体コード (6 digits with check digit): national. */
    LOCAL_GOVERNMENT_CODE(null, true),
    /** Machi's facility id, the ID column of 公共施設一覧 and the other facility sheets: a page per facility. */
    FACILITY_ID("/facilities/{id}", false),
    /** 町丁目 (town and chōme) code of the ward's area statistics. */
    TOWN_CODE(null, true),
    /** 法人番号 (13 digits): national. */
    CORPORATE_NUMBER(null, true),
    /** A まちレポ report number: a page per report. */
    REPORT_ID("/reports/{id}", false),
    /** A date (holidays): shared by every calendar. */
    DATE(null, true);

    private final String pathTemplate;
    private final boolean national;

    Identifier(String pathTemplate, boolean national) {
        this.pathTemplate = pathTemplate;
        this.national = national;
    }

    /** The path of the thing on this site ({@code {id}} replaced), or null when it has none. */
    public String path(String id) {
        return pathTemplate == null || id == null || id.isBlank() ? null
            : pathTemplate.replace("{id}", java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
    }

    public boolean hasUri() {
        return pathTemplate != null;
    }

    public boolean national() {
        return national;
    }
}
