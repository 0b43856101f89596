// SPDX-License-Identifier: AGPL-3.0-or-later
//
// A small closed-loop HTTP load driver: N clients (virtual threads) each send one GET after another to one
// URL for a fixed time, sharing one java.net.http.HttpClient (HTTP/1.1, keep-alive). It reports throughput,
// latency percentiles and errors. Needs nothing but a JDK 21+:
//
//   java bench/HttpLoad.java --url http://127.0.0.1:18080/ --clients 50 --duration 30s --warmup 5s
//
// Options: --url (loopback hosts only), --clients (1..1000), --duration and --warmup (e.g. 30s, 2m; at most
// 10 minutes), --max-requests (stop early after this many measured requests; default 10,000,000),
// --header 'Name: value' (repeatable), --timeout per request (default 10s).
// Requests during the warm-up are sent but not counted. A request is an error when it throws (timeout,
// connection refused ...) or its status is 400 or above; redirects are not followed and count as success.

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

public class HttpLoad {

    static final long MAX_DURATION_NANOS = Duration.ofMinutes(10).toNanos();

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> opts = parse(args);
        URI url = URI.create(one(opts, "url", null));
        int clients = Integer.parseInt(one(opts, "clients", "50"));
        long durationNanos = duration(one(opts, "duration", "30s"));
        long warmupNanos = duration(one(opts, "warmup", "5s"));
        long maxRequests = Long.parseLong(one(opts, "max-requests", "10000000"));
        Duration timeout = Duration.ofNanos(duration(one(opts, "timeout", "10s")));
        if (clients < 1 || clients > 1000) {
            fail("--clients must be between 1 and 1000");
        }
        if (durationNanos <= 0 || durationNanos + warmupNanos > MAX_DURATION_NANOS) {
            fail("--duration plus --warmup must be positive and at most 10 minutes");
        }
        requireLoopback(url);

        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout).GET()
            .header("User-Agent", "machi-bench/1")
            .header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8");
        for (String h : opts.getOrDefault("header", List.of())) {
            int colon = h.indexOf(':');
            if (colon < 1) {
                fail("--header must look like 'Name: value'");
            }
            rb.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        HttpRequest request = rb.build();
        HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + durationNanos;
        AtomicLong counted = new AtomicLong();
        LongAdder bytes = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long[][] perClient = new long[clients][];
        int[] sizes = new int[clients];

        System.out.printf("HttpLoad: GET %s, %d clients, warm-up %s, measure %s%n", url, clients,
            Duration.ofNanos(warmupNanos), Duration.ofNanos(durationNanos));
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                perClient[c] = new long[1 << 16];
                final int id = c;
                pool.submit(() -> {
                    long[] mine = perClient[id];
                    int n = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end || counted.get() >= maxRequests) {
                            break;
                        }
                        String error = null;
                        int status = 0;
                        long size = 0;
                        try {
                            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            status = r.statusCode();
                            size = r.body().length;
                            if (status >= 400) {
                                error = "HTTP " + status;
                            }
                        } catch (Exception e) {
                            error = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        if (t0 < measureFrom) {
                            continue; // warm-up
                        }
                        if (t1 > end) {
                            break; // finished after the window closed: not part of the measurement
                        }
                        counted.incrementAndGet();
                        bytes.add(size);
                        if (status > 0) {
                            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                        }
                        if (error != null) {
                            errors.computeIfAbsent(error, k -> new LongAdder()).increment();
                        }
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                            perClient[id] = mine;
                        }
                        mine[n++] = t1 - t0;
                    }
                    sizes[id] = n;
                    return null;
                });
            }
        }

        int total = Arrays.stream(sizes).sum();
        long[] all = new long[total];
        int pos = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient[c], 0, all, pos, sizes[c]);
            pos += sizes[c];
        }
        Arrays.sort(all);
        double seconds = durationNanos / 1e9;
        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("date            %s%n", Instant.now());
        System.out.printf("requests        %d in %.1f s (%d errors)%n", total, seconds, errorCount);
        System.out.printf("throughput      %.1f requests/s%n", total / seconds);
        System.out.printf("transfer        %.1f KiB/s (%.1f KiB per response)%n",
            bytes.sum() / 1024.0 / seconds, total == 0 ? 0 : bytes.sum() / 1024.0 / total);
        if (total > 0) {
            System.out.printf("latency ms      p50 %.1f  p90 %.1f  p95 %.1f  p99 %.1f  max %.1f  mean %.1f%n",
                ms(pct(all, 50)), ms(pct(all, 90)), ms(pct(all, 95)), ms(pct(all, 99)), ms(all[total - 1]),
                ms((long) Arrays.stream(all).average().orElse(0)));
        }
        System.out.printf("statuses        %s%n", new TreeMap<>(statuses));
        if (errorCount > 0) {
            System.out.printf("errors          %s%n", new TreeMap<>(errors));
        }
        System.exit(errorCount > 0 ? 2 : 0);
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Only this machine may be a target: the driver is for measuring our own server, not anyone else's. */
    static void requireLoopback(URI url) throws Exception {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
            || url.getHost() == null) {
            fail("--url must be an http(s) URL");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (java.net.UnknownHostException e) {
            fail("unknown host " + url.getHost());
            return;
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                fail("--url must point to this machine (loopback), not " + a);
            }
        }
    }

    static long duration(String s) {
        s = s.trim().toLowerCase();
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))).toNanos();
        }
        char unit = s.charAt(s.length() - 1);
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        long n = Long.parseLong(digits);
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(n).toNanos();
            case 'h' -> Duration.ofHours(n).toNanos();
            default -> Duration.ofSeconds(n).toNanos();
        };
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> m = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                fail("unexpected argument " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                fail("missing value for " + a);
                return m;
            }
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return m;
    }

    static String one(Map<String, List<String>> opts, String key, String fallback) {
        List<String> v = opts.get(key);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                fail("--" + key + " is required");
            }
            return fallback;
        }
        return v.getLast();
    }

    static void fail(String message) {
        System.err.println("HttpLoad: " + message);
        System.exit(1);
    }
}
