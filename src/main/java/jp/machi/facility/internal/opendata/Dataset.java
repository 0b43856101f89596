package jp.machi.facility.internal.opendata;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The four 自治体標準オープンデータセット sheets the facility master publishes and reads, each in the current
 * Digital Agency layout (export and import) and the older 推奨データセット layout (import only).
 *
 * <p>Column lists: the current 公共施設一覧, AED設置箇所一覧 and 公衆無線LANアクセスポイント一覧 headers are those of real
 * municipal files (市川市 122033, whose 指定緊急避難場所一覧 matches the documented current header column for column; see
 * docs/modules/facility.md for the files). The current 指定緊急避難場所一覧 header and every older header are transcribed
 * in {@code docs/reference/opendata.md} (§2.4, §2.6; sources: the Digital Agency definition sheets via
 * geolonia/datamodels and NEC-FIWARE/smart-data-models). Import matches columns by name, so other spellings of a
 * column ({@link Columns#canonical}) and the headers Machi exported before (guessed, with 名称_英語 and
 * 利用可能日時特記事項 in 公共施設一覧) are read too. Changing a header is an edit of this class only.
 */
public enum Dataset {

    PUBLIC_FACILITIES("public-facilities", "public_facility", "公共施設一覧",
        "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,名称_通称,POIコード,外部識別子,外部識別子の値,"
            + "所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,"
            + "建物名等(方書),緯度,経度,高度の種別,高度の値,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,"
            + "連絡先備考（その他、SNSなど）,郵便番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能時間特記事項,説明,"
            + "車椅子可,車椅子貸出,ツエ貸出,バリアフリートイレ,スロープ、エレベータ、エスカレータ,点字ブロック等の移動支援,"
            + "点字や読上による支援,盲導犬・介助犬、聴導犬同伴,字幕,筆談対応,優先駐車場,オストメイト対応トイレ,授乳室,"
            + "おむつ替えコーナー,飲食可否,ベビーカー貸出,ベビーカー利用,URL,画像,画像_ライセンス,備考",
        "名称,所在地_連結表記",
        "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,住所,方書,緯度,経度,電話番号,"
            + "内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,備考",
        "NO,名称,名称_カナ,住所"),

    AED("aed", "aed", "AED設置箇所一覧",
        "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,"
            + "所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,高度の種別,高度の値,設置位置,"
            + "電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,団体名,"
            + "利用可能曜日,開始時間,終了時間,利用可能日時特記事項,小児対応設備の有無,URL,画像1,画像1_ライセンス,画像2,画像2_ライセンス,"
            + "外部利用不可,備考",
        "名称,所在地_連結表記,設置位置",
        "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,住所,方書,緯度,経度,設置位置,電話番号,内線番号,"
            + "法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,小児対応設備の有無,URL,備考",
        "NO,名称,名称_カナ,住所,設置位置"),

    WIFI("wifi", "public_wireless_lan", "公衆無線LANアクセスポイント一覧",
        "全国地方公共団体コード,法人番号,ID,地方公共団体名,名称,名称_カナ,名称_英語,所在地_全国地方公共団体コード,町字ID,"
            + "所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,設置者,電話番号,"
            + "内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,SSID,提供エリア,URL,備考",
        "名称,所在地_連結表記",
        "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_英語,住所,方書,緯度,経度,設置者,電話番号,"
            + "内線番号,SSID,提供エリア,URL,備考",
        "NO,名称,名称_カナ,住所"),

    EMERGENCY_SITES("emergency-sites", "evacuation_space", "指定緊急避難場所一覧",
        "全国地方公共団体コード,ID,名称,名称_カナ,名称_英字,所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,"
            + "所在地_市区町村,所在地_町字,所在地_番地以下,建物名等(方書),緯度,経度,標高,電話番号,内線番号,連絡先メールアドレス,"
            + "連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,市区町村コード,地方公共団体名,災害種別_洪水,"
            + "災害種別_崖崩れ、土石流及び地滑り,災害種別_高潮,災害種別_地震,災害種別_津波,災害種別_大規模な火事,災害種別_内水氾濫,"
            + "災害種別_火山現象,指定避難所との重複,想定収容人数,対象となる町会・自治会,URL,画像,画像_ライセンス,備考",
        "名称,所在地_連結表記",
        "NO,名称,名称_カナ,住所,方書,緯度,経度,標高,電話番号,内線番号,市区町村コード,都道府県名,市区町村名,災害種別_洪水,"
            + "災害種別_崖崩れ、土石流及び地滑り,災害種別_高潮,災害種別_地震,災害種別_津波,災害種別_大規模な火事,災害種別_内水氾濫,"
            + "災害種別_火山現象,指定避難所との重複,想定収容人数,対象となる町会・自治会,URL,備考",
        "NO,名称,名称_カナ,住所,電話番号,市区町村コード");

    /** Which edition of the standard a file follows. */
    public enum Layout { CURRENT, LEGACY }

    private final String parameter;
    private final String fileSlug;
    private final String titleJa;
    private final List<String> currentHeader;
    private final Set<String> currentRequired;
    private final List<String> legacyHeader;
    private final Set<String> legacyRequired;

    Dataset(String parameter, String fileSlug, String titleJa, String currentHeader, String currentRequired,
            String legacyHeader, String legacyRequired) {
        this.parameter = parameter;
        this.fileSlug = fileSlug;
        this.titleJa = titleJa;
        this.currentHeader = List.of(currentHeader.split(","));
        this.currentRequired = new LinkedHashSet<>(List.of(currentRequired.split(",")));
        this.legacyHeader = List.of(legacyHeader.split(","));
        this.legacyRequired = new LinkedHashSet<>(List.of(legacyRequired.split(",")));
    }

    /** The value of the {@code dataset} parameter, e.g. {@code aed}. */
    public String parameter() {
        return parameter;
    }

    public String titleJa() {
        return titleJa;
    }

    /** {@code 131202_public_facility.csv}: the ward's code and the dataset's slug, never changed once published. */
    public String fileName(String wardCode) {
        return wardCode + "_" + fileSlug + ".csv";
    }

    /** The exact header row of the current layout, in order. */
    public List<String> currentHeader() {
        return currentHeader;
    }

    public List<String> legacyHeader() {
        return legacyHeader;
    }

    public List<String> header(Layout layout) {
        return layout == Layout.CURRENT ? currentHeader : legacyHeader;
    }

    public Set<String> required(Layout layout) {
        return layout == Layout.CURRENT ? currentRequired : legacyRequired;
    }

    public static Optional<Dataset> byParameter(String p) {
        return Arrays.stream(values()).filter(d -> d.parameter.equals(p)).findFirst();
    }

    /** The fields of the facility master this dataset writes on import (and so compares). */
    Set<Field> fields(Layout layout) {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (String h : header(layout)) {
            Columns.spec(this, h).field().ifPresent(fields::add);
        }
        return fields;
    }

    /** Header cells compare after NFKC (full-width brackets = half-width), without spaces and a BOM. */
    static String normalizeHeader(String h) {
        String s = h == null ? "" : h.replace("\uFEFF", "");
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }
}
