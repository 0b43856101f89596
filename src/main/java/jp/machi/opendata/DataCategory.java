package jp.machi.opendata;

/**
 * The 17 分類 of the オープンデータ一覧 layout (推奨データセット), used as the catalog's CKAN groups. The CKAN group name is
 * the English slug, the title the Japanese word.
 */
public enum DataCategory {
    LAND_WEATHER("land-weather", "国土・気象", "Land and weather"),
    POPULATION("population", "人口・世帯", "Population and households"),
    LABOUR("labour", "労働・賃金", "Labour and wages"),
    AGRICULTURE("agriculture", "農林水産業", "Agriculture, forestry and fisheries"),
    INDUSTRY("industry", "鉱工業", "Mining and manufacturing"),
    COMMERCE("commerce", "商業・サービス業", "Commerce and services"),
    ECONOMY("economy", "企業・家計・経済", "Business, households and economy"),
    HOUSING("housing", "住宅・土地・建設", "Housing, land and construction"),
    ENERGY("energy", "エネルギー・水", "Energy and water"),
    TRANSPORT_TOURISM("transport-tourism", "運輸・観光", "Transport and tourism"),
    ICT_SCIENCE("ict-science", "情報通信・科学技術", "ICT, science and technology"),
    EDUCATION_CULTURE("education-culture", "教育・文化・スポーツ・生活", "Education, culture, sports and daily life"),
    ADMINISTRATION("administration", "行財政", "Administration and public finance"),
    SAFETY_ENVIRONMENT("safety-environment", "司法・安全・環境", "Justice, safety and environment"),
    WELFARE_HEALTH("welfare-health", "社会保障・衛生", "Social security and health"),
    INTERNATIONAL("international", "国際", "International"),
    OTHER("other", "その他", "Other");

    private final String slug;
    private final String ja;
    private final String en;

    DataCategory(String slug, String ja, String en) {
        this.slug = slug;
        this.ja = ja;
        this.en = en;
    }

    public String slug() {
        return slug;
    }

    public String ja() {
        return ja;
    }

    public String en() {
        return en;
    }

    public String label(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : ja;
    }

    public static java.util.Optional<DataCategory> bySlug(String slug) {
        for (DataCategory c : values()) {
            if (c.slug.equals(slug)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
