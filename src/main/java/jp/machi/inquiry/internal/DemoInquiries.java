package jp.machi.inquiry.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jp.machi.holiday.WorkingDays;
import jp.machi.identity.Accounts;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import jp.machi.shared.time.MachiClock;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Demo mode: the demo ward's FAQ (150 entries written for Machi, {@code inquiry/demo-faq-*.yml}, labelled as demo
 * content), reply templates, a few inquiries in the queues (one overdue, one answered, one phoned in at the
 * public relations division that belongs elsewhere) and one children's consultation thread. Idempotent.
 */
@Component
class DemoInquiries extends DemoData {

    private final FaqRepository faqs;
    private final InquiryRepository inquiries;
    private final WorkingDays workingDays;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DemoInquiries(DemoMode demo, FaqRepository faqs, InquiryRepository inquiries, WorkingDays workingDays,
                  Accounts accounts, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        super(demo);
        this.faqs = faqs;
        this.inquiries = inquiries;
        this.workingDays = workingDays;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    protected void seed() {
        tx.executeWithoutResult(s -> {
            if (faqs.countDemo() == 0) {
                loadFaq();
            }
            if (inquiries.countTemplates() == 0) {
                templates();
            }
            if (inquiries.countDemo() == 0) {
                demoInquiries();
            }
            if (jdbc.sql("select count(*) from inquiry_child_thread where demo").query(Long.class).single() == 0) {
                childThread();
            }
        });
    }

    /** The demo FAQ entries as read from the resources (for tests that check the demo's coverage). */
    static List<Map<String, Object>> demoEntries() {
        List<Map<String, Object>> all = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:inquiry/demo-faq-*.yml");
            java.util.Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Resource r : files) {
                try (InputStream in = r.getInputStream()) {
                    List<Map<String, Object>> entries = yaml.load(in);
                    all.addAll(entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private void loadFaq() {
        LocalDate today = LocalDate.now(clock.withZone(MachiClock.ZONE));
        int n = 0;
        for (Map<String, Object> e : demoEntries()) {
            n++;
            List<Faq.Link> links = new ArrayList<>();
            Object l = e.get("l");
            if (l instanceof List<?> list) {
                for (Object o : list) {
                    String[] p = o.toString().split("\\|", 3);
                    links.add(new Faq.Link(p[0], p[1], p.length > 2 ? p[2] : ""));
                }
            }
            // spread review dates over the coming year; entries with r are due (or past due) on purpose
            LocalDate review = e.get("r") instanceof Number r ? today.plusDays(r.longValue()) : today.plusDays(30 + (n * 37L) % 330);
            FaqRepository.Content c = new FaqRepository.Content(str(e, "q"), str(e, "qe"), str(e, "a"), str(e, "ae"),
                FaqCategory.bySlug(str(e, "c")).orElseThrow(() -> new IllegalStateException("demo FAQ category " + e.get("c"))),
                str(e, "d"), Boolean.TRUE.equals(e.get("s")), review, links);
            faqs.insert(c, Faq.Status.PUBLISHED, null, true, null);
        }
    }

    private static String str(Map<String, Object> e, String key) {
        Object v = e.get(key);
        return v == null ? "" : v.toString().strip();
    }

    private void templates() {
        inquiries.insertTemplate(null, "受付のお知らせ", "お問い合わせありがとうございます。担当の課で確認しています。お返事まで少しお待ちください。");
        inquiries.insertTemplate(null, "窓口へのご案内", "この手続きは窓口で行います。本人確認書類を持って、平日の午前8時30分から午後5時までにお越しください。");
        inquiries.insertTemplate("kocho-koho", "担当課からお返事します", "お問い合わせの件は担当の課へお伝えしました。担当の課から直接お返事します。");
        inquiries.insertTemplate("seiso-recycle", "収集日の確認", "お知らせいただいた場所の収集状況を確認し、改めてご連絡します。");
        inquiries.insertTemplate("kosodate-shien", "児童手当の支払日", "児童手当は偶数月（2月・4月・6月・8月・10月・12月）の15日ごろに、前の月までの2か月分を振り込みます。");
    }

    private void demoInquiries() {
        Instant now = clock.instant();
        Long resident = accounts.findByEmail("resident@demo.machi.example").map(a -> a.id()).orElse(null);
        long a = demoInquiry(Inquiry.Channel.WEB, "seiso-recycle", resident, null, null, null,
            "【デモ】先週の月曜日に粗大ごみで申し込んだソファが、まだ回収されていません。申込番号は手元にあります。どうすればよいですか。",
            now.minus(Duration.ofDays(9)), null);
        long b = demoInquiry(Inquiry.Channel.WEB, "hoiku", null, "デモ 利用者", "parent@demo.machi.example", null,
            "【デモ】来年4月から保育園に入りたいのですが、申し込みの締め切りはいつですか。",
            now.minus(Duration.ofDays(6)), null);
        inquiries.addMessage(b, Inquiry.Message.Kind.REPLY,
            "【デモ】4月入園の申し込みは11月10日までです。申込書は保育課の窓口と区のホームページにあります。", null, "hoiku", null,
            now.minus(Duration.ofDays(5)));
        inquiries.setStatus(b, Inquiry.Status.ANSWERED, now.minus(Duration.ofDays(5)));
        inquiries.routed(b, "来年4月から保育園に入りたいのですが、申し込みの締め切りはいつですか。", "hoiku");
        demoInquiry(Inquiry.Channel.PHONE, "kocho-koho", null, "デモ 電話の方", null, "03-5555-9999",
            "【デモ】（電話で受付）児童手当がいつ振り込まれるのか知りたい。口座を変えたので確認したい。",
            now.minus(Duration.ofHours(20)), accounts.findByEmail("staff@demo.machi.example").map(x -> x.id()).orElse(null));
        demoInquiry(Inquiry.Channel.WEB, "kocho-koho", resident, null, null, null,
            "【デモ】区役所の本庁舎に車で行くとき、駐車場は使えますか。",
            now.minus(Duration.ofHours(3)), null);
        if (a > 0) {
            inquiries.addMessage(a, Inquiry.Message.Kind.NOTE, "【デモ】収集業者に確認中（内部メモ）", null, "seiso-recycle", null,
                now.minus(Duration.ofDays(2)));
        }
    }

    private long demoInquiry(Inquiry.Channel channel, String dept, Long resident, String name, String email, String phone,
                             String text, Instant at, Long enteredBy) {
        LocalDate day = LocalDate.ofInstant(at, MachiClock.ZONE);
        long id = inquiries.insert(new InquiryRepository.New(channel, dept, dept, resident, name, email, phone, "ja", null,
            at, workingDays.add(day, 3), enteredBy, true));
        inquiries.addMessage(id, Inquiry.Message.Kind.RESIDENT, text, resident, null, dept, at);
        return id;
    }

    private void childThread() {
        Instant at = clock.instant().minus(Duration.ofHours(30));
        // the demo thread's link is unknown to everyone (a random secret nobody keeps), like a lost link
        long id = jdbc.sql("""
                insert into inquiry_child_thread (token_hash, created_at, last_message_at, waiting, demo)
                values (?, ?, ?, true, true) returning id""")
            .params(InquiryService.hash(InquiryService.newToken()), Timestamp.from(at), Timestamp.from(at.plus(Duration.ofHours(2))))
            .query(Long.class).single();
        jdbc.sql("insert into inquiry_child_message (thread_id, from_child, body, created_at) values (?, true, ?, ?)")
            .params(id, "【デモ】クラスのグループチャットで、わたしの悪口を書かれています。先生に言うと、もっとひどくなりそうでこわいです。",
                Timestamp.from(at)).update();
        jdbc.sql("insert into inquiry_child_message (thread_id, from_child, body, created_at) values (?, false, ?, ?)")
            .params(id, "【デモ】書いてくれてありがとう。つらかったね。悪口の画面を写真（スクリーンショット）で残しておくと、あとで大人に相談するときに役に立ちます。いつ、どんなことを書かれたか、もう少し教えてくれますか。",
                Timestamp.from(at.plus(Duration.ofHours(1)))).update();
        jdbc.sql("insert into inquiry_child_message (thread_id, from_child, body, created_at) values (?, true, ?, ?)")
            .params(id, "【デモ】きのうの夜からです。スクショはとりました。", Timestamp.from(at.plus(Duration.ofHours(2)))).update();
    }
}
