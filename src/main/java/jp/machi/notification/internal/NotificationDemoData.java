package jp.machi.notification.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.machi.identity.Accounts;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode: the ward's topics, a demo school's contact list (staff@demo sends to it), 300 demo subscribers and 40
 * parents (addresses under demo.machi.example), the demo resident subscribed to 防災気象 for 豊玉北, staff@demo as a
 * sender on duty and admin@demo as a sender (to approve ward-wide notices), a "services you may be eligible for"
 * example, and six past notices with their delivery records (marked demo; their times are made up). Runs once: it
 * does nothing when the topics exist.
 */
@Component
class NotificationDemoData extends DemoData {

    private static final Logger log = LoggerFactory.getLogger(NotificationDemoData.class);
    static final String DEMO_SENDER = "staff@demo.machi.example";
    /** The demo sender's API token, scoped to sending notices (issue 12). */
    static final String DEMO_STAFF_TOKEN = "demo-staff-token";
    static final String SCHOOL_CODE = "HANA-7523";

    private final JdbcClient jdbc;
    private final Topics topics;
    private final Accounts accounts;
    private final Areas areas;
    private final Senders senders;
    private final TransactionTemplate tx;

    NotificationDemoData(DemoMode demo, JdbcClient jdbc, Topics topics, Accounts accounts, Areas areas, Senders senders,
                         TransactionTemplate tx) {
        super(demo);
        this.jdbc = jdbc;
        this.topics = topics;
        this.accounts = accounts;
        this.areas = areas;
        this.senders = senders;
        this.tx = tx;
    }

    record DemoTopic(String code, String ja, String en, String dja, String den) {}

    static final List<DemoTopic> TOPICS = List.of(
        new DemoTopic("bosai", "防災気象", "Disasters and weather", "気象警報、避難情報、災害時のお知らせ", "Weather warnings, evacuation and disaster information"),
        new DemoTopic("anzen", "防犯・安全安心", "Crime prevention and safety", "不審者情報、交通安全、振り込め詐欺への注意", "Suspicious persons, road safety, fraud warnings"),
        new DemoTopic("kusei", "区政・イベント", "Ward news and events", "区からのお知らせ、催し、募集", "News from the ward, events, calls for participants"),
        new DemoTopic("kosodate", "子育て", "Child-rearing", "健診、予防接種、子育て支援", "Health checks, vaccinations, support for parents"),
        new DemoTopic("kenko", "健康", "Health", "感染症、健康診断、健康づくり", "Infectious diseases, health checks, staying healthy"),
        new DemoTopic("gomi", "ごみ・リサイクル", "Waste and recycling", "収集日の変更、分け方、粗大ごみ", "Collection changes, sorting, bulky waste"));

    @Override
    protected void seed() {
        // the demo sender's API token (notices only); renewed at every start, since staff tokens end after 90 days
        accounts.findByEmail(DEMO_SENDER).ifPresent(a -> accounts.demoToken(DEMO_SENDER, DEMO_STAFF_TOKEN,
            "demo: send notices", java.util.Set.of(NotificationConfiguration.SEND_SCOPE)));
        if (topics.exists("bosai")) {
            return;
        }
        tx.executeWithoutResult(s -> seedTopicsAndNotices());
    }

    private void seedTopicsAndNotices() {
        int position = 10;
        for (DemoTopic t : TOPICS) {
            topics.add(new Topic(t.code(), t.ja(), t.en(), t.dja(), t.den(), position, true));
            position += 10;
        }
        Long staff = accounts.findByEmail("staff@demo.machi.example").map(a -> a.id()).orElse(null);
        Long admin = accounts.findByEmail("admin@demo.machi.example").map(a -> a.id()).orElse(null);
        if (staff != null) {
            senders.set(staff, true, true, null);
        }
        if (admin != null) {
            senders.set(admin, true, false, null);
        }
        long school = jdbc.sql("insert into notification_list (name_ja, name_en, kind, join_code) values (?, ?, 'SCHOOL', ?) returning id")
            .params("デモ区立はなみずき小学校", "Hanamizuki Elementary School (demo)", SCHOOL_CODE).query(Long.class).single();
        if (staff != null) {
            jdbc.sql("insert into notification_list_staff (list_id, account_id) values (?, ?)").params(school, staff).update();
        }

        Random random = new Random(20261207L);
        List<String> districts = areas.districts();
        List<Long> subscriptions = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String email = String.format("subscriber-%03d@demo.machi.example", i);
            String language = i % 7 == 0 ? "en" : "ja";
            long id = jdbc.sql("""
                    insert into notification_subscription (email, language, status, confirmed_at, created_at)
                    values (?, ?, 'ACTIVE', now() - make_interval(days => ?), now() - make_interval(days => ?)) returning id""")
                .params(email, language, 1 + random.nextInt(300), 1 + random.nextInt(300)).query(Long.class).single();
            subscriptions.add(id);
            for (DemoTopic t : TOPICS) {
                if (t.code().equals("bosai") ? random.nextInt(10) < 8 : random.nextInt(10) < 3) {
                    jdbc.sql("insert into notification_subscription_topic (subscription_id, topic_code) values (?, ?)").params(id, t.code()).update();
                }
            }
            jdbc.sql("""
                    insert into notification_subscription_topic (subscription_id, topic_code) select ?, 'kusei'
                    where not exists (select 1 from notification_subscription_topic where subscription_id = ?)""").params(id, id).update();
            int areaCount = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(2);
            for (int a = 0; a < areaCount; a++) {
                jdbc.sql("insert into notification_subscription_area (subscription_id, district) values (?, ?) on conflict do nothing")
                    .params(id, districts.get(random.nextInt(districts.size()))).update();
            }
        }
        accounts.findByEmail("resident@demo.machi.example").ifPresent(r -> {
            long id = jdbc.sql("""
                    insert into notification_subscription (email, account_id, language, status, confirmed_at)
                    values (?, ?, 'ja', 'ACTIVE', now() - interval '30 days') returning id""")
                .params(r.email().toLowerCase(), r.id()).query(Long.class).single();
            jdbc.sql("insert into notification_subscription_topic (subscription_id, topic_code) values (?, 'bosai')").param(id).update();
            jdbc.sql("insert into notification_subscription_area (subscription_id, district) values (?, '豊玉北')").param(id).update();
            subscriptions.add(id);
        });
        for (int i = 1; i <= 40; i++) {
            jdbc.sql("""
                    insert into notification_subscription (list_id, email, language, status, label, confirmed_at)
                    values (?, ?, ?, 'ACTIVE', ?, now() - interval '60 days')""")
                .params(school, String.format("parent-%02d@demo.machi.example", i), i % 9 == 0 ? "en" : "ja",
                    (1 + (i - 1) % 6) + "年" + (1 + (i - 1) / 20) + "組 デモ児童" + i).update();
        }
        if (staff != null) {
            pastNotices(staff, admin == null ? staff : admin, school, random);
            jdbc.sql("""
                    insert into notification_eligibility (title_ja, body_ja, title_en, body_en, link, child_min_months, child_max_months, created_by)
                    values (?, ?, ?, ?, ?, 3, 5, ?)""")
                .params("4か月児健康診査", "生後3〜5か月のお子さんは、区の保健相談所で4か月児健康診査を無料で受けられます（デモの案内です）。",
                    "Health check for 4-month-olds", "Children aged 3 to 5 months can have a free health check at the ward’s health centre (a demo notice).",
                    "/notices", staff).update();
        }
        log.info("Demo notifications: {} topics, a school list (code {}), {} subscribers, 40 parents, past notices",
            TOPICS.size(), SCHOOL_CODE, subscriptions.size());
    }

    private void pastNotices(long staff, long admin, long school, Random random) {
        Instant now = Instant.now();
        record Past(String topic, String priority, List<String> areas, String ja, String bodyJa, String en, String bodyEn, Duration ago) {}
        List<Past> past = List.of(
            new Past("bosai", "EMERGENCY", List.of(), "【デモ】大雨警報が発表されました", "区内に大雨警報が発表されました。川や用水路に近づかないでください。最新の情報は区のお知らせをご覧ください。（デモのお知らせです）",
                "[Demo] Heavy rain warning", "A heavy rain warning is in force for the ward. Keep away from rivers and channels. (A demo notice.)", Duration.ofDays(12)),
            new Past("bosai", "NORMAL", List.of("豊玉北", "豊玉中", "豊玉南"), "【デモ】豊玉地区で防災訓練を行います", "次の日曜日の午前10時から、豊玉地区の避難拠点で防災訓練を行います。（デモのお知らせです）",
                null, null, Duration.ofDays(9)),
            new Past("anzen", "NORMAL", List.of("石神井町", "石神井台"), "【デモ】不審な電話にご注意ください", "区の職員を名乗る還付金の電話が相次いでいます。ATMの操作を求める電話は詐欺です。（デモのお知らせです）",
                "[Demo] Beware of fraudulent calls", "People calling as ward staff are asking residents to use ATMs for refunds. This is fraud. (A demo notice.)", Duration.ofDays(6)),
            new Past("kusei", "BULK", List.of(), "【デモ】区民まつりのご案内", "今年の区民まつりは11月に開かれます。ステージ、模擬店、防災体験コーナーがあります。（デモのお知らせです）",
                "[Demo] The ward festival", "This year’s ward festival is held in November: stage shows, food stalls and a disaster-preparedness corner. (A demo notice.)", Duration.ofDays(4)),
            new Past("gomi", "NORMAL", List.of("光が丘", "旭町"), "【デモ】年末年始のごみ収集日", "年末年始は収集日が変わります。地域の収集カレンダーをご確認ください。（デモのお知らせです）",
                null, null, Duration.ofDays(2)),
            new Past(null, "EMERGENCY", List.of(), "【デモ】本日は臨時休校です", "台風の接近のため、本日は臨時休校とします。お子さんは自宅で過ごしてください。（デモのお知らせです）",
                "[Demo] School closed today", "The school is closed today because of the approaching typhoon. Please keep your children at home. (A demo notice.)", Duration.ofDays(1)));
        for (Past p : past) {
            Instant released = now.minus(p.ago());
            long id = jdbc.sql("""
                    insert into notification_notice (topic_code, list_id, priority, status, title_ja, body_ja, title_en, body_en,
                        created_by, created_at, approved_by, approved_at, released_at, released_by, finished_at, demo)
                    values (?, ?, ?, 'SENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true) returning id""")
                .params(p.topic(), p.topic() == null ? school : null, p.priority(), p.ja(), p.bodyJa(), p.en(), p.bodyEn(), staff,
                    NoticeRepository.ts(released.minusSeconds(600)),
                    p.areas().isEmpty() && p.topic() != null && !"EMERGENCY".equals(p.priority()) ? admin : null,
                    p.areas().isEmpty() && p.topic() != null && !"EMERGENCY".equals(p.priority()) ? NoticeRepository.ts(released.minusSeconds(60)) : null,
                    NoticeRepository.ts(released), staff, NoticeRepository.ts(released.plusSeconds(30)))
                .query(Long.class).single();
            for (String a : p.areas()) {
                jdbc.sql("insert into notification_notice_area (notice_id, district) values (?, ?)").params(id, a).update();
            }
            int lane = "EMERGENCY".equals(p.priority()) ? 0 : "BULK".equals(p.priority()) ? 2 : 1;
            String audience = p.topic() == null
                ? "select s.id, s.account_id, s.email, s.language from notification_subscription s where s.list_id = :list and s.status = 'ACTIVE'"
                : """
                  select s.id, s.account_id, s.email, s.language from notification_subscription s
                  join notification_subscription_topic st on st.subscription_id = s.id and st.topic_code = :topic
                  where s.status = 'ACTIVE' and s.list_id is null
                    and (:wardWide or not exists (select 1 from notification_subscription_area a where a.subscription_id = s.id)
                         or exists (select 1 from notification_subscription_area a join notification_notice_area na
                                    on na.district = a.district and na.notice_id = :notice where a.subscription_id = s.id))""";
            List<Object[]> rows = jdbc.sql(audience).param("list", school).param("topic", p.topic())
                .param("wardWide", p.areas().isEmpty()).param("notice", id)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2), rs.getString(3), rs.getString(4)}).list();
            for (Object[] r : rows) {
                double seconds = (lane == 0 ? 0.3 : lane == 1 ? 0.8 : 4.0) + random.nextDouble() * (lane == 0 ? 1.5 : lane == 1 ? 4 : 30);
                boolean bounced = random.nextInt(100) < 2 && r[1] == null;
                jdbc.sql("""
                        insert into notification_delivery (notice_id, subscription_id, account_id, topic_code, lane, email, language, status,
                            attempts, next_attempt_at, queued_at, sent_at, error)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)""")
                    .params(id, r[0], r[1], p.topic(), lane, r[2], r[3], bounced ? "BOUNCED" : "SENT", NoticeRepository.ts(released),
                        NoticeRepository.ts(released), bounced ? null : NoticeRepository.ts(released.plusMillis((long) (seconds * 1000))),
                        bounced ? "550 5.1.1 user unknown (demo)" : null)
                    .update();
                if (bounced) {
                    jdbc.sql("insert into notification_suppression (email, reason, detail) values (?, 'BOUNCE', '550 5.1.1 user unknown (demo)') on conflict do nothing")
                        .param(r[2]).update();
                }
            }
            jdbc.sql("update notification_notice set recipients = ? where id = ?").params(rows.size(), id).update();
        }
    }
}
