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
        /** バリアフリー情報: written from the barrier-free attributes, not read back. */
        BARRIER_FREE,
        FIELD
    }

    record Spec(Kind kind, Field field0) {
        Optional<Field> field() {
            return kind == Kind.DAYS || kind == Kind.START || kind == Kind.END ? Optional.of(Field.WEEKLY_HOURS)
                : Optional.ofNullable(field0);
        }
    }

    private static final Map<String, Spec> COMMON = new HashMap<>();

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
        kind(Kind.URL_NOT_STORED, "画像", "連絡先FormURL");
        kind(Kind.TEXT_NOT_STORED, "町字ID", "POIコード", "高度の種別", "連絡先備考（その他、SNSなど）", "説明", "画像_ライセンス",
            "提供エリア", "対象となる町会・自治会");
        kind(Kind.BARRIER_FREE, "バリアフリー情報");
        field(Field.NAME, "名称");
        field(Field.KANA, "名称_カナ");
        field(Field.NAME_EN, "名称_英語", "名称_英字");
        field(Field.NAME_COMMON, "名称_通称");
        field(Field.ADDRESS, "所在地_連結表記", "住所");
        field(Field.ADDRESS_DETAIL, "建物名等(方書)", "方書");
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
        field(Field.HOURS_NOTE, "利用可能日時特記事項");
        field(Field.NOTES, "備考");
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

    /** The meaning of a header cell in a dataset, or a not-stored text column when unknown. */
    static Spec spec(Dataset dataset, String header) {
        String h = Dataset.normalizeHeader(header);
        if (dataset == Dataset.WIFI && h.equals("URL")) {
            return new Spec(Kind.FIELD, Field.WIFI_URL);
        }
        if (dataset == Dataset.AED && h.equals(Dataset.normalizeHeader("利用可能日時特記事項"))) {
            return new Spec(Kind.FIELD, Field.AED_HOURS_NOTE);
        }
        return COMMON.getOrDefault(h, new Spec(Kind.TEXT_NOT_STORED, null));
    }

    static boolean known(String header) {
        return COMMON.containsKey(Dataset.normalizeHeader(header));
    }
}
