package jp.machi.opendata.internal;

import java.time.ZoneId;
import java.util.List;
import jp.machi.opendata.Column;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.DatasetSource;
import jp.machi.opendata.Identifier;
import jp.machi.opendata.PublishedDataset;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;
import jp.machi.ward.WardProfile;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The catalog itself as a dataset: 06 オープンデータ一覧, in the columns of the 推奨データセット layout (the current
 * sheet has not been transcribed yet).
 */
@Component
class CatalogDatasetSource implements DatasetSource {

    private final CatalogService catalogs;
    private final FileService files;
    private final WardProfile ward;

    CatalogDatasetSource(@Lazy CatalogService catalogs, @Lazy FileService files, WardProfile ward) {
        this.catalogs = catalogs;
        this.files = files;
        this.ward = ward;
    }

    @Override
    public List<PublishedDataset> datasets() {
        return List.of(new PublishedDataset("opendata-list", "opendata_list", "06",
            new LocalizedText("オープンデータ一覧", "List of open data"),
            new LocalizedText("このカタログで公開しているデータセットの一覧（名称、概要、形式、分類、更新頻度、URL、ライセンス、登録日、最終更新日）。",
                "The datasets of this catalog: name, summary, formats, category, frequency, URL, licence, dates."),
            "joho-seisaku", DataCategory.ADMINISTRATION, List.of("オープンデータ", "カタログ"), UpdateFrequency.CONTINUOUS,
            List.of(Column.id("都道府県コード又は市区町村コード", "localGovernmentCode", Identifier.LOCAL_GOVERNMENT_CODE),
                Column.of("NO", "number"), Column.of("都道府県名", "prefecture"), Column.of("市区町村名", "city"),
                Column.of("データ名称", "name"), Column.of("データ概要", "summary"), Column.of("データ形式", "formats"),
                Column.of("分類", "category"), Column.of("更新頻度", "frequency"), Column.of("URL", "url"),
                Column.of("API対応有無", "api"), Column.of("ライセンス", "licence"), Column.of("登録日", "registered"),
                Column.of("最終更新日", "lastUpdated"), Column.of("備考", "remarks")),
            null, null,
            () -> Long.toString(catalogs.current().revision()),
            (limit, sink) -> {
                Catalog c = catalogs.current();
                int n = 0;
                for (CatalogDataset d : c.datasets()) {
                    if (n >= limit) {
                        return;
                    }
                    n++;
                    sink.row(List.of(c.wardCode(), Integer.toString(n), ward.prefecture().ja(), ward.name().ja(), d.title().ja(),
                        d.description().ja(), String.join(";", d.resources(c.wardCode()).stream().map(r -> r.format().label()).toList()),
                        d.category().ja(), frequencyJa(d.frequency()), files.siteUrl() + "/opendata/datasets/" + d.name(), "有",
                        d.licence().titleJa(), d.created().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate().toString(),
                        d.updated().atZone(ZoneId.of("Asia/Tokyo")).toLocalDate().toString(), d.generated() ? "生成したデモデータ" : ""));
                }
            }));
    }

    private static String frequencyJa(UpdateFrequency f) {
        return switch (f) {
            case CONTINUOUS -> "随時";
            case DAILY -> "毎日";
            case MONTHLY -> "毎月";
            case ANNUAL -> "毎年";
            case IRREGULAR -> "不定期";
        };
    }
}
