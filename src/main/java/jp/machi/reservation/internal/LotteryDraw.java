package jp.machi.reservation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("[0-9A-Z]{1,16}");
    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("[a-z0-9-]{1,16}");

    /** Reads a published list; throws IllegalArgumentException naming the first bad line. */
    public static List<Entry> parseList(String csv) {
        if (csv == null || !csv.startsWith(LIST_HEADER + "\n") && !csv.startsWith(LIST_HEADER + "\r\n")
            && !csv.equals(LIST_HEADER)) {
            throw new IllegalArgumentException("line 1");
        }
        List<Entry> entries = new ArrayList<>(csv.length() / 32);
        int pos = csv.indexOf('\n') < 0 ? csv.length() : csv.indexOf('\n') + 1;
        int line = 1;
        int[] comma = new int[5];
        while (pos < csv.length()) {
            line++;
            int end = csv.indexOf('\n', pos);
            if (end < 0) {
                end = csv.length();
            }
            int stop = end > pos && csv.charAt(end - 1) == '\r' ? end - 1 : end;
            try {
                int found = 0;
                for (int i = pos; i < stop; i++) {
                    if (csv.charAt(i) == ',') {
                        if (found == 5) {
                            throw new IllegalArgumentException();
                        }
                        comma[found++] = i;
                    }
                }
                if (found != 5) {
                    throw new IllegalArgumentException();
                }
                String reference = csv.substring(pos, comma[0]);
                String slot = csv.substring(comma[4] + 1, stop);
                if (!REFERENCE.matcher(reference).matches() || !SLOT.matcher(slot).matches()) {
                    throw new IllegalArgumentException();
                }
                entries.add(new Entry(reference, Integer.parseInt(csv, comma[0] + 1, comma[1], 10),
                    Integer.parseInt(csv, comma[1] + 1, comma[2], 10), Long.parseLong(csv, comma[2] + 1, comma[3], 10),
                    date(csv.substring(comma[3] + 1, comma[4])), slot));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + line);
            }
            pos = end + 1;
        }
        return entries;
    }

    /** {@code YYYY-MM-DD} exactly (LocalDate.parse is much slower and takes more forms). */
    private static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            throw new IllegalArgumentException(s);
        }
        return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
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
                    won ? Long.valueOf(f[3]) : null, won ? date(f[4]) : null, won ? f[5] : null));
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

    private record SlotKey(long room, LocalDate date, String slot) {}

    /** The draw of the module comment. Deterministic: the same list and seed always give the same results. */
    public static List<Result> draw(List<Entry> entries, String seed) {
        // applications in (reference, number) order; each with its choices by rank and a small id per slot
        Comparator<Entry> canonical = Comparator.comparing(Entry::reference).thenComparingInt(Entry::application)
            .thenComparingInt(Entry::rank);
        List<Entry> sorted = entries;
        for (int i = 1; i < entries.size(); i++) {
            if (canonical.compare(entries.get(i - 1), entries.get(i)) > 0) { // a published list is sorted already
                sorted = new ArrayList<>(entries);
                sorted.sort(canonical);
                break;
            }
        }
        int maxRank = 0;
        for (Entry e : sorted) {
            maxRank = Math.max(maxRank, e.rank());
        }
        Map<SlotKey, Integer> slotIds = new HashMap<>(sorted.size() * 2);
        List<String> references = new ArrayList<>();
        List<int[]> applicantRange = new ArrayList<>(); // per applicant: first and last+1 application index
        List<Entry[]> choices = new ArrayList<>(); // per application: choice by rank (index rank - 1)
        List<int[]> slotOf = new ArrayList<>();
        Entry previous = null;
        for (Entry e : sorted) {
            boolean newApplicant = previous == null || !previous.reference().equals(e.reference());
            boolean newApplication = newApplicant || previous.application() != e.application();
            if (newApplicant) {
                references.add(e.reference());
                applicantRange.add(new int[] {choices.size(), choices.size()});
            }
            if (newApplication) {
                choices.add(new Entry[maxRank]);
                int[] ids = new int[maxRank];
                java.util.Arrays.fill(ids, -1);
                slotOf.add(ids);
                applicantRange.get(applicantRange.size() - 1)[1] = choices.size();
            }
            int app = choices.size() - 1;
            // a rank given twice (never in a list Machi writes): the later line counts
            choices.get(app)[e.rank() - 1] = e;
            slotOf.get(app)[e.rank() - 1] = slotIds.computeIfAbsent(new SlotKey(e.room(), e.date(), e.slot()), k -> slotIds.size());
            previous = e;
        }
        Mac mac = hmac(seed);
        Integer[] order = new Integer[references.size()];
        String[] keys = new String[references.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            keys[i] = HexFormat.of().formatHex(mac.doFinal(references.get(i).getBytes(StandardCharsets.US_ASCII)));
        }
        java.util.Arrays.sort(order, Comparator.<Integer, String>comparing(i -> keys[i]).thenComparing(references::get));
        boolean[] taken = new boolean[slotIds.size()];
        int[] wonRank = new int[choices.size()];
        for (int rank = 1; rank <= maxRank; rank++) {
            for (int applicant : order) {
                int[] range = applicantRange.get(applicant);
                for (int app = range[0]; app < range[1]; app++) {
                    int slot = slotOf.get(app)[rank - 1];
                    if (wonRank[app] == 0 && slot >= 0 && !taken[slot]) {
                        taken[slot] = true;
                        wonRank[app] = rank;
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>(choices.size());
        for (int app = 0; app < choices.size(); app++) {
            Entry any = null;
            for (Entry c : choices.get(app)) {
                if (c != null) {
                    any = c;
                    break;
                }
            }
            if (wonRank[app] > 0) {
                Entry w = choices.get(app)[wonRank[app] - 1];
                results.add(new Result(w.reference(), w.application(), w.rank(), w.room(), w.date(), w.slot()));
            } else {
                results.add(new Result(any.reference(), any.application(), null, null, null, null));
            }
        }
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
