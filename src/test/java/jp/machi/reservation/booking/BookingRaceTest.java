package jp.machi.reservation.booking;

import jp.machi.reservation.TestResidents;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The heart of first-come booking: many people (or one impatient client) asking for the same slot at the same
 * moment, over real HTTP, end with exactly one booking and honest answers.
 */
@MachiTest
class BookingRaceTest {

    static final int REQUESTS = 200;
    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired BookableRooms service;
    @Autowired Bookings bookings;
    @Autowired Bookers bookers;

    /**
     * An open slot far enough ahead that the other tests leave it alone, in a room that has open slots then
     * (other test classes in this JVM may add bookable rooms without hours).
     */
    Availability openSlot(int skip) {
        var rooms = service.byFacility().values().stream().flatMap(List::stream).toList();
        assertThat(rooms).as("demo rooms that can be booked").isNotEmpty();
        var today = service.today();
        for (int i = rooms.size() - 1; i >= 0; i--) {
            var room = rooms.get(i);
            List<Availability> open = service.availability(room, today.plusDays(40), today.plusDays(80)).stream()
                .filter(a -> a.status() == Availability.Status.OPEN).toList();
            if (open.size() > skip) {
                roomId = room.room().id();
                return open.get(open.size() - 1 - skip);
            }
        }
        throw new AssertionError("no bookable room has open slots 40 to 80 days ahead");
    }

    long roomId;

    HttpResponse<String> post(HttpClient client, String token, String key, Availability slot) throws Exception {
        String body = "{\"roomId\":" + roomId + ",\"date\":\"" + slot.date() + "\",\"slot\":\"" + slot.slot().code() + "\"}";
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/bookings"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    long activeBookings(Availability slot) {
        return jdbc.sql("""
                select count(*) from reservation_booking where room_id = ? and use_date = ? and slot_code = ?
                and status in ('PROVISIONAL', 'CONFIRMED')""")
            .params(roomId, slot.date(), slot.slot().code()).query(Long.class).single();
    }


    @Test
    void twoHundredPeopleForOneSlotMakeExactlyOneBooking() throws Exception {
        Availability slot = openSlot(0);
        List<TestResidents.Resident> people = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            people.add(TestResidents.create(jdbc, "RESIDENT"));
        }
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(30)).build();
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            TestResidents.Resident who = people.get(i % people.size());
            String key = UUID.randomUUID().toString();
            calls.add(() -> post(client, who.token(), key, slot));
        }
        List<HttpResponse<String>> answers = jp.machi.support.AllAtOnce.run(calls);

        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        answers.forEach(r -> byStatus.merge(r.statusCode(), 1, Integer::sum));
        assertThat(byStatus).as("answers by status").containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(1);
        assertThat(byStatus.get(409)).isEqualTo(REQUESTS - 1);
        answers.stream().filter(r -> r.statusCode() == 409)
            .forEach(r -> assertThat(r.body()).contains("\"code\":\"taken\""));
        assertThat(activeBookings(slot)).isEqualTo(1);
    }

    @Test
    void twoHundredRetriesWithOneKeyMakeOneBookingAndAllGetIt() throws Exception {
        Availability slot = openSlot(1);
        TestResidents.Resident who = TestResidents.create(jdbc, "WORKER");
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(30)).build();
        String key = "retry-" + UUID.randomUUID();
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            calls.add(() -> post(client, who.token(), key, slot));
        }
        List<HttpResponse<String>> answers = jp.machi.support.AllAtOnce.run(calls);

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 201));
        assertThat(answers.stream().filter(r -> r.statusCode() == 201).count()).isEqualTo(1);
        List<String> ids = answers.stream().map(r -> {
            Matcher m = ID.matcher(r.body());
            assertThat(m.find()).as(r.body()).isTrue();
            return m.group(1);
        }).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(activeBookings(slot)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from reservation_booking where booker_account_id = ?").param(who.id())
            .query(Long.class).single()).isEqualTo(1);
    }
}
