package jp.machi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.machi.report.internal.ReportService;
import jp.machi.support.MachiTest;
import jp.machi.support.TestMailbox;
import jp.machi.support.WebSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 自己情報の開示 and erasure across every module: a resident with data in each module downloads it all in one file,
 * deletes the account, and afterwards their e-mail address, name and account number are nowhere in the database
 * outside the audit log.
 */
@MachiTest
class PersonalDataTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportService reports;

    @BeforeAll
    static void mailbox() {
        TestMailbox.start();
    }

    /** A resident with an account, a token and data in the modules; what identifies them. */
    record Person(WebSession web, String email, String name, long id, String token) {}

    Person newResident() throws Exception {
        long n = System.nanoTime();
        String email = "erase." + n + "@example.jp";
        String name = "消去試験" + n;
        WebSession web = new WebSession(port);
        web.post("/register", "/register", Map.of("email", email, "password", "a long password for erasure",
            "displayName", name, "nameKana", "ショウキョ", "district", "豊玉北", "language", "ja"));
        String link = TestMailbox.firstLink(TestMailbox.text(TestMailbox.awaitMailTo(email)));
        assertThat(web.get(link.replaceFirst("http://localhost(:\\d+)?", "")).statusCode()).isEqualTo(200);
        assertThat(web.signIn(email, "a long password for erasure")).doesNotContain("error");
        HttpResponse<String> created = web.post("/account/tokens", "/account/tokens", Map.of("name", "my script"));
        String page = web.get(created.headers().firstValue("Location").orElseThrow()).body();
        Matcher token = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(page);
        assertThat(token.find()).isTrue();
        long id = tools.jackson.databind.json.JsonMapper.builder().build()
            .readTree(web.getWithToken("/api/v1/me", token.group(1)).body()).get("id").asLong();
        return new Person(web, email, name, id, token.group(1));
    }

    @Test
    void aResidentDownloadsEverythingAndDeletingTheAccountLeavesNothingThatPointsToThem() throws Exception {
        Person p = newResident();
        // まちレポ: a report sent with the token, and another report followed
        long report = sendReport(p);
        long other = jdbc.sql("select min(id) from report where published").query(Long.class).single();
        assertThat(reports.follow(other, p.id(), null, "ja")).isTrue();
        // 施設予約: a registration checked at a counter, a paid and a late-cancelled booking (with its penalty points),
        // a group they represent and a lottery application
        long paid = reservationData(p);

        // the inquiry desk: one inquiry written while signed in, one sent earlier without an account from the same address
        HttpResponse<String> asked = p.web().post("/inquiries/new", "/inquiries",
            Map.of("text", "粗大ごみの収集日を知りたい（消去の試験）", "department", "seiso-recycle"));
        assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/inquiries/sent");
        WebSession visitor = new WebSession(port);
        HttpResponse<String> visited = visitor.post("/inquiries/new", "/inquiries", Map.of("text",
            "図書館の本の返し方（消去の試験）", "department", "kocho-koho", "email", p.email(), "name", p.name()));
        assertThat(visited.headers().firstValue("Location").orElseThrow()).endsWith("/inquiries/sent");

        // My Page reaches the person's まちレポ business: how many they sent, and the list with where each stands
        String myPage = p.web().get("/account").body();
        assertThat(myPage).contains("href=\"/account/reports\"", "1件（うち対応中・受付 1件）", "href=\"/account/bookings\"");
        String mine = p.web().get("/account/reports").body();
        assertThat(mine).contains("No. " + report, "No. " + other, "区が確認してから公開されます");

        // notices: the ward mail from My Page, and "about me" with a child born four months ago (the demo's service
        // for children of 3-5 months becomes a personal notice at once)
        assertThat(p.web().post("/account/notifications/settings", "/account/notifications/settings",
            Map.of("topics", "bosai", "areas", "豊玉北", "language", "ja")).statusCode()).isEqualTo(302);
        assertThat(p.web().post("/account/notifications/profile", "/account/notifications/profile",
            Map.of("district", "豊玉北", "children", java.time.YearMonth.now().minusMonths(4).toString())).statusCode())
            .isEqualTo(302);
        assertThat(p.web().get("/account/notifications/settings").body()).contains("豊玉北");

        // the download: one JSON file with every module's part, the same from My Page and the API
        HttpResponse<String> download = p.web().get("/account/data");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        String json = download.body();
        assertThat(json).contains(p.email(), p.name(), "\"identity.account\"", "\"report.reports\"", "\"mail.outbox\"",
            "my script", "\"id\":" + report, "\"reportId\":" + other, "\"reservation.booker\"", "\"reservation.bookings\"",
            "\"reservation.penalties\"", "\"reservation.groups\"", "\"reservation.lottery\"", "driver-licence",
            "\"notification.subscriptions\"", "bosai", "\"notification.profile\"");
        assertThat(json).contains("\"inquiry.inquiries\"", "粗大ごみの収集日を知りたい（消去の試験）", "図書館の本の返し方（消去の試験）");
        assertThat(p.web().getWithToken("/api/v1/me/data", p.token()).body()).contains(p.email(), "\"report.reports\"");

        // deleting the account
        HttpResponse<String> deleted = p.web().post("/account/delete", "/account/delete",
            Map.of("password", "a long password for erasure", "confirm", "true"));
        assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/goodbye");

        assertThat(placesThatStillName(p)).isEmpty();
        // the inquiries stay for the statistics, without their texts or anything that points to the person
        assertThat(jdbc.sql("select count(*) from inquiry_message where body like '%（消去の試験）%'").query(Long.class).single())
            .isZero();
        // the report itself stays (the problem on the street is real), without its reporter
        assertThat(jdbc.sql("select count(*) from report where id = ? and reporter_account_id is null")
            .param(report).query(Long.class).single()).isEqualTo(1);
        // the paid booking stays for the ward's accounts, without its booker
        assertThat(jdbc.sql("select count(*) from reservation_booking where id = ? and booker_account_id is null and erased_at is not null")
            .param(paid).query(Long.class).single()).isEqualTo(1);
        // the token no longer opens anything
        assertThat(p.web().getWithToken("/api/v1/me", p.token()).statusCode()).isEqualTo(401);
        // the audit log keeps the number (and only the number)
        assertThat(jdbc.sql("select count(*) from audit_entry where subject_account_id = ? and action = 'identity.account.delete'")
            .param(p.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Autowired
    org.springframework.web.context.WebApplicationContext context;

    @Test
    void staffProduceTheSameFileForAWrittenRequestWithItsReferenceInTheAuditLog() throws Exception {
        Person p = newResident();
        var mvc = jp.machi.support.StaffLogin.mockMvc(context);
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        var post = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/staff/residents/" + p.id() + "/data");
        // no reference: the form says what is missing, nothing is produced or recorded
        var refused = mvc.perform(post.with(csrf).with(jp.machi.support.StaffLogin.staff(jdbc)).param("reference", " "))
            .andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("開示請求の受付番号を入力してください");
        var answer = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/staff/residents/" + p.id() + "/data").with(csrf).with(jp.machi.support.StaffLogin.staff(jdbc))
                .param("reference", "8練情公第42号")).andReturn().getResponse();
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeader("Content-Disposition")).contains("attachment");
        assertThat(answer.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(p.email(), "\"report.reports\"");
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where action = 'identity.personal-data.disclose' and subject_account_id = ?
                   and detail like '%8練情公第42号%'""").param(p.id()).query(Long.class).single()).isEqualTo(1);
        // a resident cannot use the staff route
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/staff/residents/" + p.id() + "/data").with(csrf)
                .with(jp.machi.support.StaffLogin.as(jdbc, p.email(), "RESIDENT")).param("reference", "x"))
            .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Autowired jp.machi.reservation.booking.Bookers bookers;
    @Autowired jp.machi.reservation.booking.BookableRooms rooms;
    @Autowired jp.machi.reservation.booking.Bookings bookings;
    @Autowired jp.machi.reservation.booking.internal.Payments payments;
    @Autowired jp.machi.reservation.booking.internal.Cancellations cancellations;
    @Autowired jp.machi.reservation.groups.internal.GroupService groups;
    @Autowired jp.machi.reservation.lottery.internal.LotteryService lottery;

    /** Reservation data of every kind for the person, made through reservation's services; the paid booking's number. */
    private long reservationData(Person p) {
        long staff = jdbc.sql("select id from account where email = 'admin@demo.machi.example'").query(Long.class).single();
        bookers.register(p.id(), jp.machi.reservation.booking.Residency.RESIDENT);
        assertThat(bookers.confirmEvidence(p.id(), jp.machi.reservation.booking.Residency.RESIDENT, "driver-licence", staff))
            .isTrue();
        var hall = jp.machi.reservation.TestRooms.create(jdbc, "kumin-kan", 30, false, false);
        java.time.LocalDate day = jp.machi.reservation.TestRooms.openDay(rooms, hall.roomId(), 20, "am");
        long paid = bookings.book(jp.machi.reservation.booking.BookingRequest.of(p.id(), hall.roomId(), day, "am",
            java.util.UUID.randomUUID().toString())).booking().id();
        payments.markPaid(staff, paid);
        java.time.LocalDate soon = jp.machi.reservation.TestRooms.openDay(rooms, hall.roomId(), 1, "night");
        long late = bookings.book(jp.machi.reservation.booking.BookingRequest.of(p.id(), hall.roomId(), soon, "night",
            java.util.UUID.randomUUID().toString())).booking().id();
        // booked an hour ago: past the free cancellation after booking, so cancelling now is late
        jdbc.sql("update reservation_booking set created_at = now() - interval '1 hour' where id = ?").param(late).update();
        cancellations.byBooker(p.id(), late);
        long group = groups.register(p.id(), "消去試験団体" + p.id(), "ショウキョシケンダンタイ", "合唱", List.of(
            new jp.machi.reservation.groups.internal.GroupService.NewMember("団員 一", null, true),
            new jp.machi.reservation.groups.internal.GroupService.NewMember("団員 二", null, true),
            new jp.machi.reservation.groups.internal.GroupService.NewMember("団員 三", null, true),
            new jp.machi.reservation.groups.internal.GroupService.NewMember("団員 四", null, true)));
        groups.approve(staff, group, null);
        var place = jp.machi.reservation.LotteryFixtures.facility(jdbc, 1);
        java.time.LocalDate month = jp.machi.reservation.LotteryFixtures.targetMonth(rooms.today());
        long round = lottery.createRound(jp.machi.reservation.LotteryFixtures.openRound("消去 " + place.facilityId(), month,
            place.rooms(), 3, 2), null);
        lottery.apply(p.id(), round, List.of(new jp.machi.reservation.lottery.internal.LotteryRepository.Choice(0,
            place.rooms().get(0), jp.machi.reservation.LotteryFixtures.weekday(month, 3), "am")), java.time.Instant.now());
        jp.machi.reservation.LotteryFixtures.retire(jdbc);
        assertThat(jdbc.sql("select count(*) from reservation_penalty where booker_account_id = ?").param(p.id())
            .query(Long.class).single()).isEqualTo(1);
        return paid;
    }

    private long sendReport(Person p) throws Exception {
        var body = new java.util.LinkedHashMap<String, String>();
        body.put("serviceCode", "graffiti");
        body.put("description", "落書きがあります（消去の試験）");
        body.put("lat", "35.7356");
        body.put("lon", "139.6516");
        var request = java.net.http.HttpRequest.newBuilder(p.web().uri("/api/v1/reports"))
            .header("Authorization", "Bearer " + p.token())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"))))
            .build();
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).get("id").asLong();
    }

    /**
     * Every column of every table (but the audit log's) that still holds the person's address, name or account
     * number: text columns by content (also inside JSON such as serialised events), number columns whose name says
     * they hold an account.
     */
    private List<String> placesThatStillName(Person p) {
        List<String> found = new ArrayList<>();
        var columns = jdbc.sql("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                   and c.table_name not in ('audit_entry', 'audit_checkpoint', 'flyway_schema_history')
                 order by 1, 2""")
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        for (String[] c : columns) {
            String table = '"' + c[0] + '"';
            String column = '"' + c[1] + '"';
            String where;
            List<Object> params = new ArrayList<>();
            if (List.of("text", "character varying", "character", "json", "jsonb").contains(c[2])) {
                where = column + "::text ilike ? or " + column + "::text ilike ? or " + column + "::text ~* ?";
                params.add("%" + p.email() + "%");
                params.add("%" + p.name() + "%");
                params.add("account[^0-9]{0,12}" + p.id() + "([^0-9]|$)");
            } else if (List.of("bigint", "integer").contains(c[2]) && c[1].matches(
                    ".*(account|booker|representative|member|applicant|subscriber|owner|reporter|requester).*")) {
                where = column + " = ?";
                params.add(p.id());
            } else {
                continue;
            }
            long n = jdbc.sql("select count(*) from " + table + " where " + where).params(params).query(Long.class).single();
            if (n > 0) {
                found.add(c[0] + "." + c[1] + " (" + n + ")");
            }
        }
        return found;
    }
}
