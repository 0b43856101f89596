package jp.machi.facility.internal.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facility module's datasets in the open data catalog: 公共施設一覧, AED設置箇所一覧, 公衆無線LANアクセスポイント一覧 and
 * 指定緊急避難場所一覧, in the same current Digital Agency layouts as /api/v1/facilities.csv. Their revision is
 * facility_revision, which triggers bump on every change of the facility tables.
 */
@Component
class FacilityDatasets implements DatasetSource {

    /** English item names of the columns (the sheets' 英語名 where known), for JSON and GeoJSON keys. */
    private static final Map<String, String> KEYS = Map.ofEntries(
        Map.entry("全国地方公共団体コード", "localGovernmentCode"), Map.entry("ID", "identifier"),
        Map.entry("地方公共団体名", "localGovernmentName"), Map.entry("名称", "name"), Map.entry("名称_カナ", "nameKana"),
        Map.entry("名称_英字", "nameEn"), Map.entry("名称_英語", "nameEn"), Map.entry("名称_通称", "nameCommon"),
        Map.entry("POIコード", "poiCode"), Map.entry("所在地_全国地方公共団体コード", "locatedLocalGovernmentCode"),
        Map.entry("町字ID", "streetAddressId"), Map.entry("所在地_連結表記", "fullAddress"),
        Map.entry("所在地_都道府県", "prefecture"), Map.entry("所在地_市区町村", "city"), Map.entry("所在地_町字", "streetAddress"),
        Map.entry("所在地_番地以下", "cityBlock"), Map.entry("建物名等(方書)", "buildingNameEtc"), Map.entry("緯度", "latitude"),
        Map.entry("経度", "longitude"), Map.entry("高度の種別", "heightType"), Map.entry("高度の値", "height"),
        Map.entry("標高", "elevation"), Map.entry("電話番号", "phoneNumber"), Map.entry("内線番号", "extensionNumber"),
        Map.entry("連絡先メールアドレス", "contactEmail"), Map.entry("連絡先FormURL", "contactFormUrl"),
        Map.entry("郵便番号", "contactPointPostalCode"), Map.entry("法人番号", "corporateNumber"),
        Map.entry("団体名", "organizationName"), Map.entry("利用可能曜日", "availableDays"), Map.entry("開始時間", "startTime"),
        Map.entry("終了時間", "endTime"), Map.entry("説明", "description"), Map.entry("URL", "url"), Map.entry("備考", "remarks"),
        Map.entry("設置位置", "installationPosition"), Map.entry("設置者", "installer"), Map.entry("SSID", "ssid"),
        Map.entry("提供エリア", "serviceArea"), Map.entry("市区町村コード", "cityCode"), Map.entry("想定収容人数", "capacity"),
        Map.entry("指定避難所との重複", "alsoShelter"), Map.entry("画像", "image"), Map.entry("画像_ライセンス", "imageLicense"));

    private final OpenDataExport export;
    private final JdbcClient jdbc;

    FacilityDatasets(OpenDataExport export, JdbcClient jdbc) {
        this.export = export;
        this.jdbc = jdbc;
    }

    @Override
    public List<PublishedDataset> datasets() {
        return List.of(
            dataset(Dataset.PUBLIC_FACILITIES, "public-facilities", "01", new LocalizedText("公共施設一覧", "Public facilities"),
                new LocalizedText("区の公共施設（区民館、図書館、学校、避難所など）の名称、所在地、緯度経度、電話番号、開館時間とバリアフリー設備。",
                    "The ward's public facilities (community halls, libraries, schools, shelters ...): name, address, position, "
                        + "phone, opening hours and barrier-free features."),
                "kyodo-suishin", DataCategory.EDUCATION_CULTURE, List.of("公共施設", "施設", "バリアフリー")),
            dataset(Dataset.AED, "aed", "08", new LocalizedText("AED設置箇所一覧", "AED locations"),
                new LocalizedText("AED（自動体外式除細動器）を置いている施設と、施設の中の設置位置、使える時間、小児用パッドの有無。",
                    "Facilities with an AED (automated external defibrillator), where in the building it is, when it can be "
                        + "used and whether child pads are available."),
                "kenko-suishin", DataCategory.WELFARE_HEALTH, List.of("AED", "救命", "施設")),
            dataset(Dataset.WIFI, "public-wireless-lan", "07",
                new LocalizedText("公衆無線LANアクセスポイント一覧", "Public Wi-Fi access points"),
                new LocalizedText("区の施設で使える公衆無線LAN（Wi-Fi）の場所、SSIDと設置者。",
                    "Public Wi-Fi in the ward's facilities: place, SSID and provider."),
                "joho-seisaku", DataCategory.ICT_SCIENCE, List.of("Wi-Fi", "公衆無線LAN", "施設")),
            dataset(Dataset.EMERGENCY_SITES, "evacuation-space", "03",
                new LocalizedText("指定緊急避難場所一覧", "Designated emergency evacuation sites"),
                new LocalizedText("災害の種類ごとに指定した緊急避難場所（洪水、地震、大規模な火事など）の名称、所在地と緯度経度。",
                    "Designated emergency evacuation sites by kind of disaster (flood, earthquake, large fire ...): name, "
                        + "address and position."),
                "bosai-keikaku", DataCategory.SAFETY_ENVIRONMENT, List.of("防災", "避難場所", "災害")));
    }

    private PublishedDataset dataset(Dataset d, String name, String number, LocalizedText title, LocalizedText description,
                                     String department, DataCategory category, List<String> tags) {
        List<Column> columns = new ArrayList<>();
        int i = 0;
        for (String header : d.currentHeader()) {
            i++;
            String key = KEYS.getOrDefault(header, "item" + i);
            Identifier id = switch (header) {
                case "ID" -> Identifier.FACILITY_ID;
                case "全国地方公共団体コード", "所在地_全国地方公共団体コード" -> Identifier.LOCAL_GOVERNMENT_CODE;
                case "法人番号" -> Identifier.CORPORATE_NUMBER;
                default -> null;
            };
            if (key.equals("corporateNumber") && d == Dataset.WIFI) {
                id = null; // the Wi-Fi sheet's 法人番号 is exported empty (see Columns.spec)
            }
            columns.add(new Column(header, columns.stream().anyMatch(c -> c.key().equals(KEYS.get(header))) ? "item" + i : key, id));
        }
        return new PublishedDataset(name, d.fileName("x").substring(2, d.fileName("x").length() - 4), number, title,
            description, department, category, tags, UpdateFrequency.CONTINUOUS, columns, "latitude", "longitude",
            () -> Long.toString(jdbc.sql("select rev from facility_revision").query(Long.class).single()),
            (limit, sink) -> export.rows(d, limit, sink::row));
    }
}
