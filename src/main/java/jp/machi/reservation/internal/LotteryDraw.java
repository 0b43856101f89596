package jp.machi.reservation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lottery's published formats and its draw, as pure functions of the published data (no database, no clock).
 * docs/modules/reservation.md, "How to check a lottery", describes exactly this; keep the two in step.
 *
 * <ul>
 * <li>The <b>list</b> is UTF-8 CSV with LF line ends: the header {@value #LIST_HEADER}, then one line per choice
 *     {@code reference,application,rank,room,date,slot}, sorted by reference (byte order), application number,
 *     rank. Every line, the last one too, ends with LF.</li>
 * <li>The <b>seed</b> is 64 lowercase hexadecimal characters (32 random bytes); its commitment is SHA-256 of those
 *     64 ASCII characters, the list's commitment SHA-256 of the list's bytes, both as lowercase hex.</li>
 * <li>The <b>draw</b>: each applicant's key is HMAC-SHA256(key = the seed's 64 ASCII characters, message = the
 *     reference's ASCII characters) as lowercase hex; applicants are ordered by key (ties by reference). Then for
 *     rank 1, 2, … up to the highest rank: each applicant in that order, each of their applications in ascending
 *     number that has not won yet, takes the choice of this rank if its slot (room, date, slot) is still free.
 *     So every first choice is decided before any second choice, each application wins at most one slot, and an
 *     applicant has one position however many applications they send.</li>
 * <li>The <b>results</b> are CSV like the list ({@value #RESULTS_HEADER}): one line per application, sorted by
 *     reference and application; rank, room, date and slot are empty when the application won nothing.</li>
 * </ul>
 */
public final class LotteryDraw {

    public static final String LIST_HEADER = "reference,application,rank,room,date,slot";
    public static final String RESULTS_HEADER = "reference,application,rank,room,date,slot";
    /** References: 10 characters of Crockford's base 32 (no I, L, O, U). */
    public static final String REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LotteryDraw() {}

    /** One ranked choice of one application in the published list. */
    public record Entry(String reference, int application, int rank, long room, LocalDate date, String slot) {

        String slotKey() {
            return room + "/" + date + "/" + slot;
        }
    }

    /** One application's result: {@code rank} is null when it won nothing (then room, date and slot are too). */
    public record Result(String reference, int application, Integer rank, Long room, LocalDate date, String slot) {

        public boolean won() {
            return rank != null;
        }
    }

    // ---- the list ----

    public static String listCsv(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::reference).thenComparingInt(Entry::application).thenComparingInt(Entry::rank));
        StringBuilder out = new StringBuilder(sorted.size() * 40 + 64).append(LIST_HEADER).append('\n');
        for (Entry e : sorted) {
            out.append(e.reference()).append(',').append(e.application()).append(',').append(e.rank()).append(',')
                .append(e.room()).append(',').append(e.date()).append(',').append(e.slot()).append('\n');
        }
        return out.toString();
    }

    /** Reads a published list; throws IllegalArgumentException naming the first bad line. */
    public static List<Entry> parseList(String csv) {
        String[] lines = lines(csv, LIST_HEADER);
        List<Entry> entries = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            try {
                if (f.length != 6 || !f[0].matches("[0-9A-Z]{1,16}") || !f[5].matches("[a-z0-9-]{1,16}")) {
                    throw new IllegalArgumentException();
                }
                entries.add(new Entry(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    LocalDate.parse(f[4]), f[5]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1));
            }
        }
        return entries;
    }

    // ---- the results ----

    public static String resultsCsv(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(Result::reference).thenComparingInt(Result::application));
        StringBuilder out = new StringBuilder(sorted.size() * 36 + 64).append(RESULTS_HEADER).append('\n');
        for (Result r : sorted) {
            out.append(r.reference()).append(',').append(r.application()).append(',');
            if (r.won()) {
                out.append(r.rank()).append(',').append(r.room()).append(',').append(r.date()).append(',').append(r.slot());
            } else {
                out.append(",,,");
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static List<Result> parseResults(String csv) {
        String[] lines = lines(csv, RESULTS_HEADER);
        List<Result> results = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            try {
                if (f.length != 6) {
                    throw new IllegalArgumentException();
                }
                boolean won = !f[2].isEmpty();
                results.add(new Result(f[0], Integer.parseInt(f[1]), won ? Integer.valueOf(f[2]) : null,
                    won ? Long.valueOf(f[3]) : null, won ? LocalDate.parse(f[4]) : null, won ? f[5] : null));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1));
            }
        }
        return results;
    }

    private static String[] lines(String csv, String header) {
        if (csv == null) {
            throw new IllegalArgumentException("line 1");
        }
        String text = csv.replace("\r\n", "\n");
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(header)) {
            throw new IllegalArgumentException("line 1");
        }
        return lines;
    }

    // ---- the draw ----

    /** The draw of the module comment. Deterministic: the same list and seed always give the same results. */
    public static List<Result> draw(List<Entry> entries, String seed) {
        Map<String, Map<Integer, Map<Integer, Entry>>> byApplicant = new HashMap<>();
        int maxRank = 0;
        for (Entry e : entries) {
            byApplicant.computeIfAbsent(e.reference(), k -> new java.util.TreeMap<>())
                .computeIfAbsent(e.application(), k -> new HashMap<>()).put(e.rank(), e);
            maxRank = Math.max(maxRank, e.rank());
        }
        Mac mac = hmac(seed);
        List<String[]> keyed = new ArrayList<>(byApplicant.size());
        for (String reference : byApplicant.keySet()) {
            keyed.add(new String[] {HexFormat.of().formatHex(mac.doFinal(reference.getBytes(StandardCharsets.US_ASCII))),
                reference});
        }
        keyed.sort(Comparator.<String[], String>comparing(k -> k[0]).thenComparing(k -> k[1]));
        Set<String> taken = new HashSet<>(entries.size() * 2);
        Map<String, Result> won = new LinkedHashMap<>();
        for (int rank = 1; rank <= maxRank; rank++) {
            for (String[] k : keyed) {
                for (Map.Entry<Integer, Map<Integer, Entry>> app : byApplicant.get(k[1]).entrySet()) {
                    String id = k[1] + "#" + app.getKey();
                    if (won.containsKey(id)) {
                        continue;
                    }
                    Entry choice = app.getValue().get(rank);
                    if (choice != null && taken.add(choice.slotKey())) {
                        won.put(id, new Result(choice.reference(), choice.application(), choice.rank(), choice.room(),
                            choice.date(), choice.slot()));
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Map<Integer, Entry>>> a : byApplicant.entrySet()) {
            for (Integer application : a.getValue().keySet()) {
                Result r = won.get(a.getKey() + "#" + application);
                results.add(r != null ? r : new Result(a.getKey(), application, null, null, null, null));
            }
        }
        results.sort(Comparator.comparing(Result::reference).thenComparingInt(Result::application));
        return results;
    }

    /** The position key of one applicant: lowercase hex HMAC-SHA256(seed, reference). */
    public static String positionKey(String seed, String reference) {
        return HexFormat.of().formatHex(hmac(seed).doFinal(reference.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Mac hmac(String seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- hashes, seeds, references ----

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String newSeed() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String newReference() {
        StringBuilder s = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            s.append(REFERENCE_ALPHABET.charAt(RANDOM.nextInt(REFERENCE_ALPHABET.length())));
        }
        return s.toString();
    }

    public static boolean validSeed(String seed) {
        return seed != null && seed.matches("[0-9a-f]{64}");
    }

    /** What a check of published data found. {@code problem} names a parse error (then the rest is false). */
    public record Verification(boolean listMatchesCommitment, boolean seedMatchesCommitment, boolean resultsMatch,
                               String problem, int applications, int winners) {

        public boolean allGood() {
            return listMatchesCommitment && seedMatchesCommitment && resultsMatch && problem == null;
        }
    }

    /** Checks list and seed against the commitments and recomputes the results from them. */
    public static Verification verify(String listCsv, String seed, String resultsCsv, String listSha256, String seedSha256) {
        boolean listOk = listCsv != null && sha256(listCsv).equals(listSha256);
        boolean seedOk = seed != null && sha256(seed).equals(seedSha256);
        if (!validSeed(seed)) {
            return new Verification(listOk, seedOk, false, "seed", 0, 0);
        }
        List<Entry> entries;
        try {
            entries = parseList(listCsv);
        } catch (IllegalArgumentException e) {
            return new Verification(listOk, seedOk, false, "list:" + e.getMessage(), 0, 0);
        }
        List<Result> recomputed = draw(entries, seed);
        String expected = resultsCsv(recomputed);
        boolean resultsOk = resultsCsv != null && expected.equals(resultsCsv.replace("\r\n", "\n"));
        return new Verification(listOk, seedOk, resultsOk, null, recomputed.size(),
            (int) recomputed.stream().filter(Result::won).count());
    }
}
