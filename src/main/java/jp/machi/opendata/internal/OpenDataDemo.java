package jp.machi.opendata.internal;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import jp.machi.shared.text.LocalizedText;
import jp.machi.ward.WardProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo's uploaded dataset: population by area and age for the demo ward's towns. The only real population file
 * available to the project (Suginami's, in the shared data folder) has no licence, so it is not used: these figures
 * are GENERATED (a fixed seed, plausible shapes) and the dataset is labelled as generated everywhere it appears.
 */
@Component
class OpenDataDemo extends DemoData {

    private static final Logger log = LoggerFactory.getLogger(OpenDataDemo.class);
    static final String POPULATION = "population-by-area-and-age";

    private final CatalogEditor editor;
    private final CatalogRepository repository;
    private final UploadService uploads;
    private final CatalogService catalogs;
    private final WardProfile ward;

    OpenDataDemo(DemoMode demo, CatalogEditor editor, CatalogRepository repository, UploadService uploads,
                 CatalogService catalogs, WardProfile ward) {
        super(demo);
        this.editor = editor;
        this.repository = repository;
        this.uploads = uploads;
        this.catalogs = catalogs;
        this.ward = ward;
    }

    @Override
    protected void seed() {
        if (repository.byName(POPULATION).isPresent() || ward.districts().isEmpty()) {
            return;
        }
        Layout layout = Layout.population();
        LocalDate surveyed = LocalDate.of(2026, 1, 1);
        editor.insertUploaded(POPULATION, layout,
            new LocalizedText("地域・年齢別人口（生成したデモデータ）", "Population by area and age (generated demo data)"),
            new LocalizedText("町ごと、5歳階級・男女別の人口と世帯数。デモのために生成した数値で、実際の統計ではありません（共有データの人口ファイルは利用条件が確認できないため使っていません）。",
                "Population by town, five-year age band and sex, and households. The figures were generated for the "
                    + "demonstration and are not real statistics (the one real population file available has no licence)."),
            "koseki-jumin", layout.category(), List.of("人口", "統計", "生成データ"), Licence.CC_BY_4_0,
            new LocalizedText("デモのために生成したデータです。", "Generated for the demonstration."), UpdateFrequency.ANNUAL,
            surveyed, surveyed, ward.name().ja(), "", true);
        CatalogDataset d = catalogs.current().any(POPULATION).orElseThrow();
        UploadService.Outcome o = uploads.upload(d, layout, ward.code() + "_population_generated.csv", generated(layout, surveyed),
            null, "生成したデモデータ");
        if (!o.ok()) {
            throw new IllegalStateException("the generated population does not fit its layout: " + o.problems());
        }
        log.info("open data demo: generated population for {} towns", ward.districts().size());
    }

    /** A CSV in the layout: for each town, made-up counts that add up (total = male + female = the age bands). */
    byte[] generated(Layout layout, LocalDate surveyed) {
        Random random = new Random(131202L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvFiles.Out csv = new CsvFiles.Out(out)) {
            csv.record(layout.header());
            int n = 0;
            for (String town : ward.districts()) {
                n++;
                List<String> row = new ArrayList<>();
                long[] male = new long[18];
                long[] female = new long[18];
                long males = 0;
                long females = 0;
                int size = 2000 + random.nextInt(14000);
                for (int band = 0; band < 18; band++) {
                    // more people of working age, fewer of the oldest
                    double weight = band < 4 ? 0.8 : band < 13 ? 1.2 : band < 16 ? 0.9 : 0.4;
                    male[band] = Math.round(size / 36.0 * weight * (0.8 + random.nextDouble() * 0.4));
                    female[band] = Math.round(size / 36.0 * weight * (0.8 + random.nextDouble() * 0.4) * (band >= 15 ? 1.3 : 1.0));
                    males += male[band];
                    females += female[band];
                }
                row.add(ward.code());
                row.add(String.format("%s-%03d", ward.code(), n));
                row.add(ward.prefecture().ja());
                row.add(ward.name().ja());
                row.add(surveyed.toString());
                row.add(town);
                row.add(Long.toString(males + females));
                row.add(Long.toString(males));
                row.add(Long.toString(females));
                for (int band = 0; band < 18; band++) {
                    row.add(Long.toString(male[band]));
                    row.add(Long.toString(female[band]));
                }
                row.add(Long.toString(Math.round((males + females) / (1.8 + random.nextDouble() * 0.4))));
                row.add("生成したデモデータ");
                csv.record(row);
            }
        }
        return out.toByteArray();
    }
}
