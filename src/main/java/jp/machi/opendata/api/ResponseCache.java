package jp.machi.opendata.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import jp.machi.opendata.internal.Catalog;

/**
 * Whole answers of the CKAN read actions, kept per catalog snapshot: a harvester or a portal page asking the same
 * package_search again gets the bytes written the first time. An answer is used only while the catalog is the same
 * snapshot (any change to a dataset, a resource or a version makes a new one, so nothing stale is served) and for at
 * most {@link #TTL_NANOS}, the time for which the live datasets' data times are remembered anyway
 * ({@code FileService.dataModified}). Bounded by the bytes held: past {@link #MAX_CHARS} it starts again empty.
 */
final class ResponseCache {

    static final long TTL_NANOS = 2_000_000_000L;
    static final long MAX_CHARS = 16L * 1024 * 1024;

    private record Entry(Catalog catalog, long expires, String body) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong chars = new AtomicLong();

    /** The key of an action with its parameters, whatever their order in the request. */
    static String key(String action, Map<String, Object> params) {
        return action + '\u0000' + new TreeMap<>(params);
    }

    /** The cached answer for {@code key} in {@code catalog}, or the one {@code answer} writes now (then kept). */
    String get(String key, Catalog catalog, Supplier<String> answer) {
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && e.catalog() == catalog && e.expires() - now > 0) {
            return e.body();
        }
        String body = answer.get();
        if (chars.addAndGet(body.length()) > MAX_CHARS) {
            entries.clear();
            chars.set(body.length());
        }
        entries.put(key, new Entry(catalog, now + TTL_NANOS, body));
        return body;
    }
}
