// SPDX-License-Identifier: AGPL-3.0-or-later
//
// First-come booking under load, over HTTP against POST /api/v1/bookings (bench/booking-bench.sh runs it).
// Needs nothing but a JDK 21+. Loopback URLs only. Tokens are bench-token-<n> (bench/booking-setup.sql).
//
//   race:     --tokens 200 residents ask for one open slot at the same moment, each with its own key:
//             exactly one 201 is the only right answer, every other one a 409 "taken"
//             java bench/BookingLoad.java race --url http://127.0.0.1:18320 --room 12 --date 2027-01-05 --slot am
//   retry:    one resident sends the same request (one Idempotency-Key) --requests 200 times at once:
//             one booking, every answer 200/201 with the same booking id
//   distinct: --clients residents book distinct slots (room × day × slot, never the same twice) one after another
//             for --duration after --warmup; prints sustained bookings per second
//             java bench/BookingLoad.java distinct --url ... --rooms 1,2,3 --from 2026-11-25 --clients 20 --duration 30s
//
// Exit status 1 when race/retry got anything but the right answers, or distinct saw a 5xx or a refused booking.

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class BookingLoad {

    static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    static final String[] SLOTS = {"am", "pm", "night"};

    static Map<String, String> opts = new HashMap<>();
    static HttpClient client;
    static URI bookings;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            fail("usage: BookingLoad race|retry|distinct --url URL ...");
        }
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI base = URI.create(opt("url", null));
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            fail("only a loopback URL is allowed");
        }
        bookings = base.resolve("/api/v1/bookings");
        client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(30)).build();
        boolean ok = switch (args[0]) {
            case "race" -> race();
            case "retry" -> retry();
            case "distinct" -> distinct();
            default -> {
                fail("unknown mode " + args[0]);
                yield false;
            }
        };
        System.exit(ok ? 0 : 1);
    }

    static boolean race() throws Exception {
        int n = Integer.parseInt(opt("tokens", "200"));
        String body = body(Long.parseLong(opt("room", null)), opt("date", null), opt("slot", "am"));
        List<Callable<Answer>> calls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String token = "bench-token-" + i;
            calls.add(() -> post(token, UUID.randomUUID().toString(), body));
        }
        long t = System.nanoTime();
        List<Answer> answers = fire(calls);
        double wall = (System.nanoTime() - t) / 1e6;
        Map<Integer, Integer> byStatus = tally(answers);
        long taken = answers.stream().filter(a -> a.status == 409 && a.body.contains("\"code\":\"taken\"")).count();
        System.out.printf("race: %d residents, one slot: answers %s (409 taken: %d), wall %.0f ms, latency %s%n",
            n, byStatus, taken, wall, latency(answers));
        boolean ok = byStatus.getOrDefault(201, 0) == 1 && taken == n - 1;
        System.out.println(ok ? "race: OK (exactly one 201, every other answer 409 taken, no 5xx)" : "race: WRONG");
        return ok;
    }

    static boolean retry() throws Exception {
        int n = Integer.parseInt(opt("requests", "200"));
        String token = opt("token", "bench-token-1");
        String body = body(Long.parseLong(opt("room", null)), opt("date", null), opt("slot", "am"));
        String key = "bench-retry-" + UUID.randomUUID();
        List<Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> post(token, key, body));
        }
        long t = System.nanoTime();
        List<Answer> answers = fire(calls);
        double wall = (System.nanoTime() - t) / 1e6;
        Map<Integer, Integer> byStatus = tally(answers);
        long ids = answers.stream().map(a -> {
            Matcher m = ID.matcher(a.body);
            return m.find() ? m.group(1) : "none";
        }).distinct().count();
        System.out.printf("retry: %d requests, one key: answers %s, distinct booking ids %d, wall %.0f ms, latency %s%n",
            n, byStatus, ids, wall, latency(answers));
        boolean ok = byStatus.getOrDefault(201, 0) == 1 && byStatus.getOrDefault(200, 0) == n - 1 && ids == 1;
        System.out.println(ok ? "retry: OK (one 201, every other answer 200 with the same booking)" : "retry: WRONG");
        return ok;
    }

    static boolean distinct() throws Exception {
        long[] rooms = Arrays.stream(opt("rooms", null).split(",")).mapToLong(Long::parseLong).toArray();
        LocalDate from = LocalDate.parse(opt("from", null));
        int clients = Integer.parseInt(opt("clients", "20"));
        int firstToken = Integer.parseInt(opt("first-token", "201"));
        long duration = Duration.parse("PT" + opt("duration", "30s").toUpperCase()).toNanos();
        long warmup = Duration.parse("PT" + opt("warmup", "5s").toUpperCase()).toNanos();
        AtomicLong next = new AtomicLong();
        Map<Integer, AtomicLong> measured = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long end = measureFrom + duration;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                String token = "bench-token-" + (firstToken + c);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long i = next.getAndIncrement();
                        long room = rooms[(int) (i % rooms.length)];
                        long k = i / rooms.length;
                        String body = body(room, from.plusDays(k / SLOTS.length).toString(), SLOTS[(int) (k % SLOTS.length)]);
                        long t0 = System.nanoTime();
                        Answer a;
                        try {
                            a = post(token, UUID.randomUUID().toString(), body);
                        } catch (Exception e) {
                            a = new Answer(-1, e.toString(), 0);
                        }
                        if (t0 >= measureFrom && System.nanoTime() <= end) {
                            measured.computeIfAbsent(a.status, s -> new AtomicLong()).incrementAndGet();
                            latencies.add(a.nanos);
                            if (a.status != 201 && measured.get(a.status).get() <= 3) {
                                System.out.println("non-201: " + a.status + " " + a.body);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = duration / 1e9;
        long created = measured.getOrDefault(201, new AtomicLong()).get();
        Map<Integer, Long> byStatus = new TreeMap<>();
        measured.forEach((k, v) -> byStatus.put(k, v.get()));
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        System.out.printf("distinct: %d clients, %.0f s measured after %.0f s warm-up: answers %s%n", clients, seconds,
            warmup / 1e9, byStatus);
        System.out.printf("distinct: %.1f bookings/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            created / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), pct(sorted, 100));
        return byStatus.keySet().stream().allMatch(s -> s == 201);
    }

    record Answer(int status, String body, long nanos) {}

    static Answer post(String token, String key, String body) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(bookings).timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), System.nanoTime() - t);
    }

    static String body(long room, String date, String slot) {
        return "{\"roomId\":" + room + ",\"date\":\"" + date + "\",\"slot\":\"" + slot + "\"}";
    }

    static List<Answer> fire(List<Callable<Answer>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (var f : futures) {
                answers.add(f.get());
            }
            return answers;
        }
    }

    static Map<Integer, Integer> tally(List<Answer> answers) {
        Map<Integer, Integer> m = new TreeMap<>();
        answers.forEach(a -> m.merge(a.status, 1, Integer::sum));
        return m;
    }

    static String latency(List<Answer> answers) {
        List<Long> sorted = answers.stream().map(Answer::nanos).sorted().toList();
        return String.format("p50 %.0f ms, max %.0f ms", pct(sorted, 50), pct(sorted, 100));
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    static String opt(String name, String dflt) {
        String v = opts.getOrDefault(name, dflt);
        if (v == null) {
            fail("--" + name + " is required");
        }
        return v;
    }

    static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
