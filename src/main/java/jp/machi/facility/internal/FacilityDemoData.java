package jp.machi.facility.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.machi.facility.TimeRange;
import jp.machi.shared.DemoData;
import jp.machi.shared.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo mode: the demo ward's facilities from the real GSI shelter and emergency-site files for Nerima. A place in
 * both files (same name and address) becomes one facility with both categories. Idempotent: places already
 * present are left alone, so staff edits survive a restart.
 */
@Component
class FacilityDemoData extends DemoData {

    /** What residents read under a facility; the path the data took (repository, commit) is in ATTRIBUTION.md and NOTICE. */
    static final String ATTRIBUTION = "「指定緊急避難場所・指定避難所データ」（国土地理院）";
    static final String HALLS_ATTRIBUTION = "練馬区「公共施設一覧」（練馬区オープンデータ、CC BY 4.0）を加工して作成";
    static final String HALLS_SOURCE = "練馬区 公共施設一覧 (131202), extract of rikukaiku/kitchen-baton";
    static final String NURSERIES_ATTRIBUTION = "練馬区オープンデータ「区立認可保育園」（CC BY 4.0、2018年）を加工して作成";
    static final String NURSERIES_SOURCE = "練馬区 区立認可保育園 (2018), via code4nerima/nurserymap";
    static final String EXAMPLE_SOURCE = "Machi demo (invented)";
    static final String SOURCE = "GSI 指定緊急避難場所・指定避難所データ (131202)";
    static final String SCHOOL_DEPARTMENT = "shogai-gakushu";
    static final String DEFAULT_DEPARTMENT = "bosai-keikaku";

    private static final Logger log = LoggerFactory.getLogger(FacilityDemoData.class);
    private static final String[] HAZARD_KEYS = {"洪水", "崖崩れ、土石流及び地滑り", "高潮", "地震", "津波", "大規模な火事", "内水氾濫", "火山現象"};

    /** The first three 区民館 (in import order) also get an example sports room, the demo's second kind of room. */
    static final int SPORTS_ROOMS = 3;
    static final String SPORTS_ROOM_EN = "Sports room (example)";

    private final FacilityRepository repository;
    private int sportsRooms;
    private final TransactionTemplate tx;

    FacilityDemoData(DemoMode demo, FacilityRepository repository, TransactionTemplate tx) {
        super(demo);
        this.repository = repository;
        this.tx = tx;
    }

    /** One place of the GSI files. */
    static final class Place {
        final String name;
        final String address;
        final double lat;
        final double lon;
        final List<String> gsiIds = new ArrayList<>();
        final Set<String> hazards = new LinkedHashSet<>();
        boolean shelter;
        boolean emergency;
        String accepts;

        Place(String name, String address, double lat, double lon) {
            this.name = name;
            this.address = address;
            this.lat = lat;
            this.lon = lon;
        }
    }

    @Override
    protected void seed() {
        Map<String, Place> places = places();
        int added = tx.execute(s -> {
            int n = 0;
            for (Place p : places.values()) {
                String id = "nerima-" + p.gsiIds.getFirst();
                if (repository.exists(id)) {
                    continue;
                }
                insert(id, p);
                n++;
            }
            return n;
        });
        if (added > 0) {
            log.info("Demo facilities imported from the GSI files: {} of {} places", added, places.size());
        }
        int more = tx.execute(s -> halls() + nurseries() + examples());
        if (more > 0) {
            log.info("Demo facilities added from Nerima's open data and examples: {}", more);
        }
    }

    /**
     * Nerima's 65 community spaces from its 公共施設一覧 (an extract kept by rikukaiku/kitchen-baton). Most are
     * already in the GSI files under the same name; the others (区民センター, 文化センター, and the 学童クラブ and
     * 「ぴよぴよ」 rooms in the halls' buildings) are added without rooms, with example hours for the halls only.
     */
    private int halls() {
        int n = 0;
        List<List<String>> rows = csv("facility/demo/nerima-koumin_facilities.csv");
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            String name = r.get(0);
            String id = "nerima-koumin-%02d".formatted(i + 1);
            if (repository.exists(id) || repository.existsNamed(name)) {
                continue;
            }
            boolean annex = name.contains("学童クラブ") || name.contains("ぴよぴよ");
            String category = annex ? "other" : name.contains("区民館") || name.contains("区民センター") ? "kumin-kan"
                : name.contains("集会所") ? "chiiki-shukaijo" : name.contains("スポーツ") ? "taiikukan" : "other";
            boolean building = !annex && !category.equals("other");
            insertSimple(id, name, null, null, r.get(1), number(r.get(2)), number(r.get(3)), null, "kyodo-suishin", category,
                building, HALLS_SOURCE, HALLS_ATTRIBUTION, null, building ? "09:00-21:30" : null);
            n++;
        }
        return n;
    }

    /** Nerima's 60 ward nurseries (区立保育園, 2018) with their phone numbers; their hours are not in the data. */
    private int nurseries() {
        int n = 0;
        List<List<String>> rows = csv("facility/demo/nerima-kuritsuhoikuen.csv");
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            String id = "nerima-hoikuen-%02d".formatted(i + 1);
            if (repository.exists(id) || repository.existsNamed(r.get(0))) {
                continue;
            }
            insertSimple(id, r.get(0), null, null, "東京都" + r.get(1), number(r.get(2)), number(r.get(3)), r.get(4),
                "kosodate-shien", "hoikuen", false, NURSERIES_SOURCE, NURSERIES_ATTRIBUTION, null, null);
            n++;
        }
        return n;
    }

    /**
     * Kinds of facility every ward has but for which no open data could be used here: invented examples, marked
     * 「（例）」 in their names, without a place on the map, so that the filters and the search can be tried.
     */
    private int examples() {
        String note = "デモ用の架空の施設です。実在しません（名前・時間・設備はすべて例）。";
        String[][] rows = {
            {"demo-toshokan-1", "まちなか図書館（例）", "マチナカトショカン", "Machinaka Library (example)", "toshokan", "shogai-gakushu", "09:00-20:00"},
            {"demo-toshokan-2", "みどり図書館（例）", "ミドリトショカン", "Midori Library (example)", "toshokan", "shogai-gakushu", "09:00-20:00"},
            {"demo-jidokan-1", "まち児童館（例）", "マチジドウカン", "Machi Children's Centre (example)", "jidokan", "kosodate-shien", "09:00-18:00"},
            {"demo-iryo-1", "休日急患診療所（例）", "キュウジツキュウカンシンリョウジョ", "Holiday Emergency Clinic (example)", "iryo", "kenko-suishin", null},
        };
        int n = 0;
        for (String[] r : rows) {
            if (repository.exists(r[0])) {
                continue;
            }
            insertSimple(r[0], r[1], r[2], r[3], "東京都練馬区（架空の施設）", null, null, null, r[5], r[4], true, EXAMPLE_SOURCE, null,
                note, r[6]);
            n++;
        }
        return n;
    }

    private void insertSimple(String id, String name, String kana, String nameEn, String address, Double lat, Double lon,
                              String phone, String department, String category, boolean exampleValues, String source,
                              String attribution, String notes, String hours) {
        boolean hasHours = hours != null;
        Facility f = new Facility(id, name, kana, nameEn, address, lat, lon, phone, null, department,
            null, null, null, null, null, null, null, null, null, null, null, null, List.of(),
            notes != null ? notes : hasHours ? "開館時間はデモ用の例です（元のデータには含まれません）。" : null,
            Set.of(), null, exampleValues && hasHours || notes != null, source, attribution,
            hasHours ? "12-29" : null, hasHours ? "01-03" : null, hasHours ? DayOfWeek.MONDAY.getValue() : null,
            HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY, false, List.of(category));
        repository.insert(f);
        if (hasHours) {
            Map<DayOfWeek, List<TimeRange>> weekly = new LinkedHashMap<>();
            String[] hm = hours.split("-");
            for (DayOfWeek d : DayOfWeek.values()) {
                weekly.put(d, List.of(range(hm[0], hm[1])));
            }
            repository.replaceWeekly(id, weekly);
        }
    }

    /** The records of a CSV shipped with the demo (UTF-8 or Shift_JIS, header skipped, blank names dropped). */
    static List<List<String>> csv(String resource) {
        byte[] bytes;
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        var parsed = jp.machi.shared.csv.CsvReader.read(bytes);
        if (!parsed.ok()) {
            throw new IllegalStateException("Cannot read " + resource + ": " + parsed.problem() + " at line " + parsed.badLine());
        }
        return parsed.rows().stream().skip(1).map(jp.machi.shared.csv.CsvReader.Row::cells)
            .filter(c -> !c.isEmpty() && !c.get(0).isBlank()).map(c -> c.stream().map(String::strip).toList()).toList();
    }

    private static Double number(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Map<String, Place> places() {
        Map<String, Place> places = new LinkedHashMap<>();
        read("facility/demo/nerima-evacuation-131202.json", places, false);
        read("facility/demo/nerima-emergency-131202.json", places, true);
        return places;
    }

    private static void read(String resource, Map<String, Place> places, boolean emergency) {
        JsonNode root;
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        for (JsonNode feature : root.path("features")) {
            JsonNode p = feature.path("properties");
            JsonNode c = feature.path("geometry").path("coordinates");
            String name = text(p, "施設・場所名");
            String address = text(p, "住所");
            if (name == null || c.size() < 2) {
                continue;
            }
            Place place = places.computeIfAbsent(name + "|" + address,
                k -> new Place(name, address, c.get(1).asDouble(), c.get(0).asDouble()));
            place.gsiIds.add(text(p, "共通ID"));
            if (emergency) {
                place.emergency = true;
                for (int i = 0; i < HAZARD_KEYS.length; i++) {
                    if ("1".equals(text(p, HAZARD_KEYS[i]))) {
                        place.hazards.add(Facility.HAZARDS.get(i));
                    }
                }
            } else {
                place.shelter = true;
                place.accepts = text(p, "受入対象者");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asString().strip();
        return s.isEmpty() ? null : s;
    }

    /** The category of a place from its name. */
    static String classify(String name) {
        if (name.matches(".*(小学校|中学校|学校)$")) {
            return "school";
        }
        if (name.contains("地域集会所")) {
            return "chiiki-shukaijo";
        }
        if (name.contains("区民館")) {
            return "kumin-kan";
        }
        if (name.contains("体育館")) {
            return "taiikukan";
        }
        if (name.contains("図書館")) {
            return "toshokan";
        }
        if (name.contains("保育園")) {
            return "hoikuen";
        }
        if (name.contains("児童館")) {
            return "jidokan";
        }
        if (name.contains("公園") || name.contains("緑地")) {
            return "park";
        }
        if (name.contains("デイサービス") || name.contains("老人ホーム")) {
            return "kaigo";
        }
        return "other";
    }

    private void insert(String id, Place p) {
        String category = classify(p.name);
        List<String> categories = new ArrayList<>(List.of(category));
        if (p.shelter) {
            categories.add("shelter");
        }
        if (p.emergency) {
            categories.add("emergency-site");
        }
        boolean hall = category.equals("kumin-kan") || category.equals("chiiki-shukaijo");
        boolean school = category.equals("school");
        boolean publicBuilding = hall || Set.of("taiikukan", "toshokan", "jidokan").contains(category);
        boolean demoValues = publicBuilding || school;
        Facility f = new Facility(id, p.name, null, null, p.address, p.lat, p.lon, null, null,
            school ? SCHOOL_DEPARTMENT : DEFAULT_DEPARTMENT,
            publicBuilding ? Boolean.TRUE : null, null, publicBuilding ? Boolean.TRUE : null, null, null, null, null,
            demoValues ? Boolean.TRUE : null,
            hall ? "1階 受付横（例）" : school ? "体育館入口（例）" : publicBuilding ? "1階 入口（例）" : null,
            publicBuilding ? Boolean.TRUE : null, publicBuilding ? "Machi Free Wi-Fi（例）" : null,
            publicBuilding ? "Machi_Free_WiFi" : null,
            List.of(), demoValues ? "開館時間・室場・設備はデモ用の例です（国土地理院のデータには含まれません）。" : null,
            p.hazards, p.accepts, demoValues, SOURCE, ATTRIBUTION,
            publicBuilding ? "12-29" : null, publicBuilding ? "01-03" : null,
            publicBuilding ? DayOfWeek.MONDAY.getValue() : null, HolidayRule.OPEN_CLOSE_NEXT_WEEKDAY, false, categories);
        repository.insert(f);
        repository.addGsiIds(id, p.gsiIds);
        if (publicBuilding) {
            Map<DayOfWeek, List<TimeRange>> weekly = new LinkedHashMap<>();
            TimeRange hours = hall ? range("09:00", "21:30") : range("09:00", "19:00");
            for (DayOfWeek d : DayOfWeek.values()) {
                weekly.put(d, List.of(hours));
            }
            repository.replaceWeekly(id, weekly);
        }
        if (hall) {
            repository.insertRoom(new Room(0, id, "集会室A（例）", "Meeting room A (example)", 30, new java.math.BigDecimal("48.00"),
                "机・椅子、ホワイトボード（例）", true, 10, true));
            repository.insertRoom(new Room(0, id, "和室（例）", "Japanese-style room (example)", 20, new java.math.BigDecimal("33.00"),
                "座卓（例）", true, 20, true));
            if (category.equals("kumin-kan") && sportsRooms < SPORTS_ROOMS) {
                sportsRooms++;
                repository.insertRoom(new Room(0, id, "体育室（例）", SPORTS_ROOM_EN, 60, new java.math.BigDecimal("320.00"),
                    "バドミントン2面・卓球台6台（例）", true, 30, true));
            }
        }
    }

    private static TimeRange range(String opens, String closes) {
        return new TimeRange(java.time.LocalTime.parse(opens), java.time.LocalTime.parse(closes));
    }
}
