package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import jp.machi.reservation.TestRooms;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.machi.reservation.booking.Availability;
import jp.machi.reservation.booking.BookableRooms;
import jp.machi.reservation.booking.Bookers;
import jp.machi.reservation.booking.Bookings;
import jp.machi.reservation.booking.BookingRequest;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whole-room and part bookings racing for the same slots over real HTTP: for every slot the result is either one
 * whole-room booking or at most one booking per part, never both; every answer is a 201 or a 409, no 5xx.
 */
@MachiTest
class RoomPartsRaceTest {

    static final int SLOTS = 12;
    static final int PER_UNIT = 4;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;

    record Shot(LocalDate date, String slot, String part) {}

    @Test
    void wholeAgainstPartsNeverGivesBoth() throws Exception {
        var hall = TestRooms.create(jdbc, "taiikukan", 80, false, true);
        var room = service.room(hall.roomId()).orElseThrow();
        var today = service.today();
        List<Availability> open = service.availability(room, today.plusDays(10), today.plusDays(80)).stream()
            .filter(a -> a.status() == Availability.Status.OPEN).limit(SLOTS).toList();
        assertThat(open).hasSize(SLOTS);
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(30)).build();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        String[] units = {null, "a", "b"};
        for (Availability a : open) {
            for (int u = 0; u < units.length; u++) {
                for (int i = 0; i < PER_UNIT; i++) {
                    var who = TestResidents.create(jdbc, "RESIDENT");  // one person per request: no monthly cap
                    Shot shot = new Shot(a.date(), a.slot().code(), units[u]);
                    calls.add(() -> post(client, who.token(), hall.roomId(), shot));
                }
            }
        }
        java.util.Collections.shuffle(calls, new java.util.Random(42));
        List<HttpResponse<String>> answers = jp.machi.support.AllAtOnce.run(calls);

        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        answers.forEach(r -> byStatus.merge(r.statusCode(), 1, Integer::sum));
        assertThat(byStatus).as("answers by status").containsOnlyKeys(201, 409);
        answers.stream().filter(r -> r.statusCode() == 409).forEach(r -> assertThat(r.body()).contains("\"code\":\"taken\""));
        int created = 0;
        for (Availability a : open) {
            List<String> active = jdbc.sql("""
                    select coalesce(part_code, 'whole') from reservation_booking where room_id = ? and use_date = ?
                    and slot_code = ? and status in ('PROVISIONAL', 'CONFIRMED')""")
                .params(hall.roomId(), a.date(), a.slot().code()).query(String.class).list();
            assertThat(active).as("active bookings of " + a.date() + " " + a.slot().code()).isNotEmpty()
                .doesNotHaveDuplicates();
            if (active.contains("whole")) {
                assertThat(active).as("a whole-room booking stands alone").containsExactly("whole");
            } else {
                assertThat(active).isSubsetOf("a", "b");
            }
            created += active.size();
        }
        assertThat(byStatus.get(201)).as("one 201 per booking made").isEqualTo(created);
    }

    HttpResponse<String> post(HttpClient client, String token, long roomId, Shot s) throws Exception {
        String body = "{\"roomId\":" + roomId + ",\"date\":\"" + s.date() + "\",\"slot\":\"" + s.slot() + "\""
            + (s.part() == null ? "" : ",\"part\":\"" + s.part() + "\"") + "}";
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/bookings"))
            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
            .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
