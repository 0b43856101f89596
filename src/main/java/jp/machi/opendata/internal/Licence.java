package jp.machi.opendata.internal;

import java.util.Arrays;
import java.util.Optional;

/** The licences a dataset may carry. The ids are what CKAN's license_id and license_list use. */
public enum Licence {
    CC_BY_4_0("CC-BY-4.0", "クリエイティブ・コモンズ 表示 4.0 国際", "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/"),
    PDL_1_0("PDL-1.0", "公共データ利用規約（第1.0版）", "Public Data License (Version 1.0)",
        "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0"),
    /** Third-party data under its source's own terms (attribution required): the terms are in the attribution text. */
    OTHER_ATTRIBUTION("other-at", "その他（出典の表示が必要）", "Other (Attribution)", null);

    private final String id;
    private final String titleJa;
    private final String titleEn;
    private final String url;

    Licence(String id, String titleJa, String titleEn, String url) {
        this.id = id;
        this.titleJa = titleJa;
        this.titleEn = titleEn;
        this.url = url;
    }

    public String id() {
        return id;
    }

    public String titleJa() {
        return titleJa;
    }

    public String titleEn() {
        return titleEn;
    }

    public String title(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? titleEn : titleJa;
    }

    /** The licence's page, or null for other-at (the attribution says where the terms are). */
    public String url() {
        return url;
    }

    public static Optional<Licence> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }
}
