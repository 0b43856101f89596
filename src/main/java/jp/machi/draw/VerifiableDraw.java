package jp.machi.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The published formats of a draw and the draw itself, as pure functions of the published data. The procedure is
 * documented for the public (docs/modules/reservation.md, "How to check a lottery", for the reservation format);
 * keep the two in step.
 *
 * <ul>
 * <li>The <b>list</b> is UTF-8 CSV with LF line ends: the header {@link DrawFormat#header()}, then one line per
 *     choice {@code reference,application,rank,<choice columns>}, sorted by reference (byte order), application
 *     number, rank. Every line, the last one too, ends with LF.</li>
 * <li>The <b>seed</b> is 64 lowercase hexadecimal characters (32 random bytes); its commitment is SHA-256 of those
 *     64 ASCII characters, the list's commitment SHA-256 of the list's bytes, both as lowercase hex.</li>
 * <li>The <b>draw</b>: each applicant's key is HMAC-SHA256(key = the seed's 64 ASCII characters, message = the
 *     reference's ASCII characters) as lowercase hex; applicants are ordered by key (ties by reference). Then for
 *     rank 1, 2, … up to the highest rank: each applicant in that order, each of their applications in ascending
 *     number that has not won yet, takes the choice of this rank if it is still free. So every first choice is
 *     decided before any second choice, each application wins at most one choice, and an applicant has one position
 *     however many applications they send.</li>
 * <li>The <b>results</b> are CSV with the same header: one line per application, sorted by reference and
 *     application; rank and the choice columns are empty when the application won nothing.</li>
 * </ul>
 */
public final class VerifiableDraw {

    /** References: 10 characters of Crockford's base 32 (no I, L, O, U). */
    public static final String REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern REFERENCE = Pattern.compile("[0-9A-Z]{1,16}");

    private VerifiableDraw() {}

    /**
     * One ranked choice of one application in the list. {@code choice} is the values of the format's choice columns
     * joined by commas (for example {@code 41,2026-12-05,pm}).
     */
    public record Entry(String reference, int application, int rank, String choice) {}

    /** One application's result: {@code rank} and {@code choice} are null when it won nothing. */
    public record Result(String reference, int application, Integer rank, String choice) {

        public boolean won() {
            return rank != null;
        }
    }

    /** What a check of published data found. {@code problem} names a parse error (then the rest is false). */
    public record Verification(boolean listMatchesCommitment, boolean seedMatchesCommitment, boolean resultsMatch,
                               String problem, int applications, int winners) {

        public boolean allGood() {
            return listMatchesCommitment && seedMatchesCommitment && resultsMatch && problem == null;
        }
    }

    // ---- the list ----

    public static String listCsv(DrawFormat format, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(CANONICAL);
        StringBuilder out = new StringBuilder(sorted.size() * 40 + 64).append(format.header()).append('\n');
        for (Entry e : sorted) {
            out.append(e.reference()).append(',').append(e.application()).append(',').append(e.rank()).append(',')
                .append(e.choice()).append('\n');
        }
        return out.toString();
    }

    private static final Comparator<Entry> CANONICAL = Comparator.comparing(Entry::reference)
        .thenComparingInt(Entry::application).thenComparingInt(Entry::rank);

    /** Reads a published list; throws IllegalArgumentException naming the first bad line ({@code line 3}). */
    public static List<Entry> parseList(DrawFormat format, String csv) {
        String header = format.header();
        if (csv == null || !csv.startsWith(header + "\n") && !csv.startsWith(header + "\r\n") && !csv.equals(header)) {
            throw new IllegalArgumentException("line 1");
        }
        List<Entry> entries = new ArrayList<>(csv.length() / 32);
        int pos = csv.indexOf('\n') < 0 ? csv.length() : csv.indexOf('\n') + 1;
        int line = 1;
        while (pos < csv.length()) {
            line++;
            int end = csv.indexOf('\n', pos);
            if (end < 0) {
                end = csv.length();
            }
            int stop = end > pos && csv.charAt(end - 1) == '\r' ? end - 1 : end;
            try {
                int first = csv.indexOf(',', pos);
                int second = first < 0 ? -1 : csv.indexOf(',', first + 1);
                int third = second < 0 ? -1 : csv.indexOf(',', second + 1);
                if (third < 0 || third >= stop) {
                    throw new IllegalArgumentException();
                }
                String reference = csv.substring(pos, first);
                String choice = csv.substring(third + 1, stop);
                if (!REFERENCE.matcher(reference).matches() || !format.validChoice(choice)) {
                    throw new IllegalArgumentException();
                }
                entries.add(new Entry(reference, Integer.parseInt(csv, first + 1, second, 10),
                    Integer.parseInt(csv, second + 1, third, 10), choice));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + line);
            }
            pos = end + 1;
        }
        return entries;
    }

    // ---- the results ----

    public static String resultsCsv(DrawFormat format, List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(Result::reference).thenComparingInt(Result::application));
        String lost = ",".repeat(format.columns().size());
        StringBuilder out = new StringBuilder(sorted.size() * 36 + 64).append(format.header()).append('\n');
        for (Result r : sorted) {
            out.append(r.reference()).append(',').append(r.application()).append(',');
            if (r.won()) {
                out.append(r.rank()).append(',').append(r.choice());
            } else {
                out.append(lost);
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static List<Result> parseResults(DrawFormat format, String csv) {
        if (csv == null) {
            throw new IllegalArgumentException("line 1");
        }
        String text = csv.replace("\r\n", "\n");
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(format.header())) {
            throw new IllegalArgumentException("line 1");
        }
        int fields = 3 + format.columns().size();
        List<Result> results = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            try {
                if (f.length != fields) {
                    throw new IllegalArgumentException();
                }
                boolean won = !f[2].isEmpty();
                String choice = String.join(",", Arrays.asList(f).subList(3, fields));
                if (won && !format.validChoice(choice)) {
                    throw new IllegalArgumentException();
                }
                results.add(new Result(f[0], Integer.parseInt(f[1]), won ? Integer.valueOf(f[2]) : null, won ? choice : null));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1));
            }
        }
        return results;
    }

    // ---- the draw ----

    /** The draw of the class comment. Deterministic: the same list and seed always give the same results. */
    public static List<Result> draw(List<Entry> entries, String seed) {
        List<Entry> sorted = entries;
        for (int i = 1; i < entries.size(); i++) {
            if (CANONICAL.compare(entries.get(i - 1), entries.get(i)) > 0) { // a published list is sorted already
                sorted = new ArrayList<>(entries);
                sorted.sort(CANONICAL);
                break;
            }
        }
        int maxRank = 0;
        for (Entry e : sorted) {
            maxRank = Math.max(maxRank, e.rank());
        }
        // applications in (reference, number) order; each with its choices by rank and a small id per choice
        Map<String, Integer> choiceIds = new HashMap<>(sorted.size() * 2);
        List<String> references = new ArrayList<>();
        List<int[]> applicantRange = new ArrayList<>(); // per applicant: first and last+1 application index
        List<Entry[]> choices = new ArrayList<>(); // per application: choice by rank (index rank - 1)
        List<int[]> choiceOf = new ArrayList<>();
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
                Arrays.fill(ids, -1);
                choiceOf.add(ids);
                applicantRange.get(applicantRange.size() - 1)[1] = choices.size();
            }
            int app = choices.size() - 1;
            // a rank given twice (never in a list Machi writes): the later line counts
            choices.get(app)[e.rank() - 1] = e;
            choiceOf.get(app)[e.rank() - 1] = choiceIds.computeIfAbsent(e.choice(), k -> choiceIds.size());
            previous = e;
        }
        Mac mac = hmac(seed);
        Integer[] order = new Integer[references.size()];
        String[] keys = new String[references.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            keys[i] = HexFormat.of().formatHex(mac.doFinal(references.get(i).getBytes(StandardCharsets.US_ASCII)));
        }
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> keys[i]).thenComparing(references::get));
        boolean[] taken = new boolean[choiceIds.size()];
        int[] wonRank = new int[choices.size()];
        for (int rank = 1; rank <= maxRank; rank++) {
            for (int applicant : order) {
                int[] range = applicantRange.get(applicant);
                for (int app = range[0]; app < range[1]; app++) {
                    int choice = choiceOf.get(app)[rank - 1];
                    if (wonRank[app] == 0 && choice >= 0 && !taken[choice]) {
                        taken[choice] = true;
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
                results.add(new Result(w.reference(), w.application(), w.rank(), w.choice()));
            } else {
                results.add(new Result(any.reference(), any.application(), null, null));
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

    // ---- commitments, seeds, references ----

    /** SHA-256 of the text's UTF-8 bytes as 64 lowercase hex digits: the commitment of a list or a seed. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh secret seed: 32 random bytes as 64 lowercase hex digits. */
    public static String newSeed() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A fresh random reference of 10 characters of {@link #REFERENCE_ALPHABET}. */
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

    /** Checks list and seed against the commitments and recomputes the results from them. */
    public static Verification verify(DrawFormat format, String listCsv, String seed, String resultsCsv, String listSha256,
                                      String seedSha256) {
        boolean listOk = listCsv != null && sha256(listCsv).equals(listSha256);
        boolean seedOk = seed != null && sha256(seed).equals(seedSha256);
        if (!validSeed(seed)) {
            return new Verification(listOk, seedOk, false, "seed", 0, 0);
        }
        List<Entry> entries;
        try {
            entries = parseList(format, listCsv);
        } catch (IllegalArgumentException e) {
            return new Verification(listOk, seedOk, false, "list:" + e.getMessage(), 0, 0);
        }
        List<Result> recomputed = draw(entries, seed);
        String expected = resultsCsv(format, recomputed);
        boolean resultsOk = resultsCsv != null && expected.equals(resultsCsv.replace("\r\n", "\n"));
        return new Verification(listOk, seedOk, resultsOk, null, recomputed.size(),
            (int) recomputed.stream().filter(Result::won).count());
    }
}
