package jp.machi.report.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import jp.machi.holiday.WorkingDays;
import jp.machi.report.ReportStatus;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the categories a ward would start with, response templates, and a few clearly labelled demo
 * reports at real places in Nerima (coordinates of GSI shelter points) so the public list is not empty.
 * Idempotent: existing categories and demo reports are left alone.
 */
@Component
class DemoReports extends DemoData {

    private static final String ROAD = "doboku-keikaku";
    private static final String PR = "kocho-koho";

    private final CategoryRepository categories;
    private final ReportRepository reports;
    private final WorkingDays workingDays;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoReports(DemoMode demo, CategoryRepository categories, ReportRepository reports, WorkingDays workingDays,
                TransactionTemplate tx, Clock clock) {
        super(demo);
        this.categories = categories;
        this.reports = reports;
        this.workingDays = workingDays;
        this.tx = tx;
        this.clock = clock;
    }

    static Category category(String code, String ja, String en, String descJa, String descEn, String groupJa,
                             String groupEn, String keywords, String dept, int days, boolean approval, int order,
                             List<Category.Attribute> attributes) {
        return new Category(code, ja, en, descJa, descEn, groupJa, groupEn, keywords, dept, days, approval, true, order,
            attributes);
    }

    static List<Category> demoCategories() {
        return List.of(
            category("road", "道路の損傷", "Road damage", "道路の穴、段差、ひび割れ、ガードレールの破損など",
                "Potholes, steps, cracks, broken guard rails", "道路", "Roads", "道路,穴,段差,pothole", ROAD, 5, false, 10, List.of()),
            category("park-equipment", "公園遊具", "Park equipment", "公園の遊具やベンチの破損・危険",
                "Broken or dangerous play equipment and benches in parks", "公園", "Parks", "公園,遊具,park", ROAD, 5, false, 20,
                List.of()),
            category("street-light", "街路灯", "Street light", "街路灯の不点灯、点滅、昼間の点灯",
                "Street lights that are out, flicker or stay on by day", "道路", "Roads", "街路灯,電灯,street light", ROAD, 3,
                false, 30, List.of(
                    // few residents know the number: asked, never required (the place says where the light is)
                    new Category.Attribute("pole_number", "string", false, true, 1, "電柱・街路灯の番号（わかれば）",
                        "Number on the pole or street light (if you know it)", List.of()),
                    new Category.Attribute("lamp_state", "singlevaluelist", false, true, 2, "明かりの状態",
                        "State of the light", List.of(
                            new Category.Value("off", "消えている", "Out"),
                            new Category.Value("flickering", "点滅している", "Flickering"),
                            new Category.Value("on-by-day", "昼も点いている", "On during the day"))))),
            category("illegal-dumping", "不法投棄", "Illegal dumping", "道路や空き地への粗大ごみ等の投棄",
                "Rubbish dumped on roads or vacant lots", "清掃", "Cleaning", "不法投棄,ごみ,dumping", ROAD, 5, true, 40, List.of()),
            category("graffiti", "落書き", "Graffiti", "公共の壁、橋、標識などへの落書き",
                "Graffiti on public walls, bridges and signs", "道路", "Roads", "落書き,graffiti", ROAD, 10, true, 50, List.of()),
            category("abandoned-bicycle", "放置自転車", "Abandoned bicycle", "道路や公園に長く放置された自転車",
                "Bicycles left on roads or in parks for a long time", "道路", "Roads", "放置自転車,bicycle", ROAD, 10, false, 60,
                List.of()),
            category("flooding", "道路の冠水", "Road flooding", "大雨で道路が水につかっている、排水が詰まっている",
                "Roads under water after heavy rain, blocked drains", "道路", "Roads", "冠水,浸水,flood", ROAD, 1, false, 70,
                List.of()),
            category("other", "その他", "Other", "上のどれにも当てはまらないまちの困りごと",
                "Any other local problem", "その他", "Other", "その他,other", PR, 10, true, 99, List.of()));
    }

    @Override
    protected void seed() {
        tx.executeWithoutResult(s -> {
            for (Category c : demoCategories()) {
                if (!categories.exists(c.code())) {
                    categories.insert(c);
                }
            }
            reports.insertTemplateIfMissing(ROAD, "受付のお知らせ", "お知らせいただきありがとうございます。現地を確認のうえ対応します。");
            reports.insertTemplateIfMissing(ROAD, "補修完了", "現地を確認し、補修を完了しました。ご協力ありがとうございました。");
            reports.insertTemplateIfMissing(ROAD, "東京都へ回付", "この道路は都道のため、管理者である東京都（第四建設事務所）へお伝えしました。");
            reports.insertTemplateIfMissing(PR, "担当課へ確認中", "担当課に確認しています。しばらくお待ちください。");
            if (reports.countDemo() > 0) {
                return;
            }
            Instant now = clock.instant();
            demoReport("street-light", "【デモ】旭丘小学校の南側の街路灯が夜になっても点きません。", 35.736696, 139.676787,
                "旭丘2丁目", ReportStatus.RECEIVED, null, now.minus(Duration.ofDays(1)));
            demoReport("road", "【デモ】歩道に深さ5cmほどの穴があり、自転車が転びそうです。", 35.77328, 139.628801,
                "旭町2丁目", ReportStatus.IN_PROGRESS, null, now.minus(Duration.ofDays(4)));
            demoReport("park-equipment", "【デモ】公園のブランコの鎖が外れかかっています。", 35.748053, 139.671513,
                "羽沢2丁目", ReportStatus.RESOLVED, "鎖を交換しました。", now.minus(Duration.ofDays(12)));
            demoReport("flooding", "【デモ】大雨のたびに交差点が冠水します。", 35.77413, 139.625022,
                "旭町3丁目", ReportStatus.FORWARDED, "都道のため東京都へお伝えしました。", now.minus(Duration.ofDays(20)));
            demoReport("abandoned-bicycle", "【デモ】2か月ほど同じ自転車が置かれたままです。", 35.734836, 139.674122,
                "旭丘1丁目", ReportStatus.RECEIVED, null, now.minus(Duration.ofDays(2)));
        });
    }

    private void demoReport(String category, String text, double lat, double lon, String address, ReportStatus status,
                            String reason, Instant at) {
        Category c = categories.find(category).orElseThrow();
        LocalDate day = LocalDate.ofInstant(at, MachiClock.ZONE);
        long id = reports.insert(new Report(0, ReportService.newToken(), category, text, lat, lon, address, status, reason,
            c.departmentCode(), null, null, null, null, false, "ja", null, true, true, at, at,
            workingDays.add(day, c.targetWorkingDays()), status.isOpen() ? null : at.plus(Duration.ofDays(3))));
        if (status != ReportStatus.RECEIVED) {
            reports.insertUpdate(id, "PUBLIC", reason == null ? "現地を確認しています。" : reason, ReportStatus.RECEIVED, status,
                null, null, null, at.plus(Duration.ofDays(1)));
        }
    }
}
