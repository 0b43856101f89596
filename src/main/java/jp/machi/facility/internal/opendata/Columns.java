package jp.machi.facility.internal.opendata;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What each standard column means for the facility master. Columns are matched by name, never by position. */
final class Columns {

    enum Kind {
        /** 全国地方公共団体コード / 都道府県コード又は市区町村コード / 市区町村コード: the publishing ward. */
        WARD_CODE,
        /** 所在地_全国地方公共団体コード: where the place is (may be another municipality). */
        LOCATION_CODE,
        /** ID (current) or NO (older). */
        KEY,
        /** 地方公共団体名, 都道府県名, 市区町村名: written on export, not stored. */
        WARD_NAME, PREFECTURE_NAME, CITY_NAME,
        /** The split address: joined into 所在地_連結表記 when that is empty. */
        ADDRESS_PREFECTURE, ADDRESS_CITY, ADDRESS_TOWN, ADDRESS_BLOCK,
        DAYS, START, END,
        /** Read and checked but not stored (exported empty). */
        NUMBER_NOT_STORED, URL_NOT_STORED, TEXT_NOT_STORED,
        FIELD
    }

    record Spec(Kind kind, Field field0) {
        Optional<Field> field() {
            return kind == Kind.DAYS || kind == Kind.START || kind == Kind.END ? Optional.of(Field.WEEKLY_HOURS)
                : Optional.ofNullable(field0);
        }
    }

    private static final Map<String, Spec> COMMON = new HashMap<>();
    /** Other spellings of a column (normalized) → the spelling every lookup uses (normalized). */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        kind(Kind.WARD_CODE, "全国地方公共団体コード", "都道府県コード又は市区町村コード", "市区町村コード");
        kind(Kind.LOCATION_CODE, "所在地_全国地方公共団体コード");
        kind(Kind.KEY, "ID", "NO");
        kind(Kind.WARD_NAME, "地方公共団体名");
        kind(Kind.PREFECTURE_NAME, "都道府県名");
        kind(Kind.CITY_NAME, "市区町村名");
        kind(Kind.ADDRESS_PREFECTURE, "所在地_都道府県");
        kind(Kind.ADDRESS_CITY, "所在地_市区町村");
        kind(Kind.ADDRESS_TOWN, "所在地_町字");
        kind(Kind.ADDRESS_BLOCK, "所在地_番地以下");
        kind(Kind.DAYS, "利用可能曜日");
        kind(Kind.START, "開始時間");
        kind(Kind.END, "終了時間");
        kind(Kind.NUMBER_NOT_STORED, "高度の値", "標高");
        kind(Kind.URL_NOT_STORED, "画像", "画像1", "画像2", "連絡先FormURL");
        kind(Kind.TEXT_NOT_STORED, "町字ID", "POIコード", "外部識別子", "外部識別子の値", "高度の種別", "連絡先備考（その他、SNSなど）", "説明",
            "画像_ライセンス", "画像1_ライセンス", "画像2_ライセンス", "提供エリア", "対象となる町会・自治会", "外部利用不可",
            // the older layout's free-text list of barrier-free features: not read back (the current layout has one column each)
            "バリアフリー情報",
            // 公共施設一覧's barrier-free and child-care columns that Machi has no attribute for
            "車椅子貸出", "ツエ貸出", "点字や読上による支援", "盲導犬・介助犬、聴導犬同伴", "字幕", "筆談対応", "おむつ替えコーナー", "飲食可否",
            "ベビーカー貸出", "ベビーカー利用");
        // the same column under two names: the current sheets differ between datasets (and from the older layout)
        alias("名称_英字", "名称_英語");
        alias("利用可能時間特記事項", "利用可能日時特記事項");
        alias("建物名等(方書)", "方書");
        field(Field.NAME, "名称");
        field(Field.KANA, "名称_カナ");
        field(Field.NAME_EN, "名称_英字");
        field(Field.NAME_COMMON, "名称_通称");
        field(Field.ADDRESS, "所在地_連結表記", "住所");
        field(Field.ADDRESS_DETAIL, "建物名等(方書)");
        field(Field.POSTAL_CODE, "郵便番号");
        field(Field.LAT, "緯度");
        field(Field.LON, "経度");
        field(Field.PHONE, "電話番号");
        field(Field.PHONE_EXTENSION, "内線番号");
        field(Field.FAX, "FAX番号");
        field(Field.EMAIL, "連絡先メールアドレス");
        field(Field.URL, "URL");
        field(Field.CORPORATE_NUMBER, "法人番号");
        field(Field.OPERATOR, "団体名");
        field(Field.CAPACITY, "想定収容人数");
        field(Field.AED_LOCATION, "設置位置");
        field(Field.AED_CHILD_PADS, "小児対応設備の有無");
        field(Field.WIFI_PROVIDER, "設置者");
        field(Field.WIFI_SSID, "SSID");
        field(Field.HOURS_NOTE, "利用可能時間特記事項");
        field(Field.NOTES, "備考");
        // 公共施設一覧 (current layout): one column per barrier-free feature, 有/無 (車椅子可: 可/不可), empty = unknown
        field(Field.STEP_FREE_ENTRANCE, "車椅子可");
        field(Field.ACCESSIBLE_TOILET, "バリアフリートイレ");
        field(Field.ELEVATOR, "スロープ、エレベータ、エスカレータ");
        field(Field.BRAILLE_BLOCKS, "点字ブロック等の移動支援");
        field(Field.ACCESSIBLE_PARKING, "優先駐車場");
        field(Field.OSTOMATE, "オストメイト対応トイレ");
        field(Field.NURSING_ROOM, "授乳室");
        field(Field.HAZARD_FLOOD, "災害種別_洪水");
        field(Field.HAZARD_LANDSLIDE, "災害種別_崖崩れ、土石流及び地滑り");
        field(Field.HAZARD_STORM_SURGE, "災害種別_高潮");
        field(Field.HAZARD_EARTHQUAKE, "災害種別_地震");
        field(Field.HAZARD_TSUNAMI, "災害種別_津波");
        field(Field.HAZARD_FIRE, "災害種別_大規模な火事");
        field(Field.HAZARD_INLAND_FLOOD, "災害種別_内水氾濫");
        field(Field.HAZARD_VOLCANO, "災害種別_火山現象");
        field(Field.ALSO_SHELTER, "指定避難所との重複");
    }

    private Columns() {}

    private static void kind(Kind kind, String... headers) {
        for (String h : headers) {
            COMMON.put(Dataset.normalizeHeader(h), new Spec(kind, null));
        }
    }

    private static void field(Field field, String... headers) {
        for (String h : headers) {
            COMMON.put(Dataset.normalizeHeader(h), new Spec(Kind.FIELD, field));
        }
    }

    private static void alias(String canonical, String... others) {
        for (String o : others) {
            ALIASES.put(Dataset.normalizeHeader(o), Dataset.normalizeHeader(canonical));
        }
    }

    /**
     * The name a header cell is known by: normalized (see {@link Dataset#normalizeHeader}) and with other spellings of
     * the same column replaced, e.g. 名称_英語 → 名称_英字, 利用可能日時特記事項 → 利用可能時間特記事項.
     */
    static String canonical(String header) {
        String h = Dataset.normalizeHeader(header);
        return ALIASES.getOrDefault(h, h);
    }

    /** The meaning of a header cell in a dataset, or a not-stored text column when unknown. */
    static Spec spec(Dataset dataset, String header) {
        String h = canonical(header);
        if (dataset == Dataset.WIFI && h.equals("URL")) {
            return new Spec(Kind.FIELD, Field.WIFI_URL);
        }
        if (dataset == Dataset.WIFI && h.equals("法人番号")) {
            // the Wi-Fi sheet's 法人番号 comes second, before ID: nothing says it is the facility operator's 法人番号 that
            // Machi stores (公共施設一覧 pairs that one with 団体名), so it is checked as text, not stored, exported empty
            return new Spec(Kind.TEXT_NOT_STORED, null);
        }
        if (dataset == Dataset.AED && h.equals(canonical("利用可能時間特記事項"))) {
            return new Spec(Kind.FIELD, Field.AED_HOURS_NOTE);
        }
        return COMMON.getOrDefault(h, new Spec(Kind.TEXT_NOT_STORED, null));
    }
}
