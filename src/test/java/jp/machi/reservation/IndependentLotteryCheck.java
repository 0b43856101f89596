package jp.machi.reservation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The procedure of docs/modules/reservation.md "How to check a lottery", written again from the documentation
 * alone, without any production class: it reads the published list CSV and seed and writes the results CSV.
 * Tests compare its output with the production draw byte for byte.
 */
public final class IndependentLotteryCheck {

    private IndependentLotteryCheck() {}

    public static String sha256Hex(String text) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder s = new StringBuilder();
        for (byte b : d) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    public static String hmacHex(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] d = mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
        StringBuilder s = new StringBuilder();
        for (byte b : d) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }

    /** Step 3 and 4 of the documented procedure: the results CSV from the list CSV and the seed. */
    public static String results(String listCsv, String seed) throws Exception {
        // reference -> application number -> rank -> "room,date,slot"
        TreeMap<String, TreeMap<Integer, TreeMap<Integer, String>>> apps = new TreeMap<>();
        int highest = 0;
        String[] lines = listCsv.split("\n");
        if (!lines[0].equals("reference,application,rank,room,date,slot")) {
            throw new IllegalArgumentException("header");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            int app = Integer.parseInt(f[1]);
            int rank = Integer.parseInt(f[2]);
            apps.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(app, k -> new TreeMap<>())
                .put(rank, f[3] + "," + f[4] + "," + f[5]);
            highest = Math.max(highest, rank);
        }
        List<String[]> order = new ArrayList<>();
        for (String ref : apps.keySet()) {
            order.add(new String[] {hmacHex(seed, ref), ref});
        }
        order.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        Set<String> taken = new HashSet<>();
        TreeMap<String, String> won = new TreeMap<>(); // "ref#app" -> "rank,room,date,slot"
        for (int rank = 1; rank <= highest; rank++) {
            for (String[] o : order) {
                for (var app : apps.get(o[1]).entrySet()) {
                    String id = o[1] + "#" + app.getKey();
                    String slot = app.getValue().get(rank);
                    if (won.containsKey(id) || slot == null || taken.contains(slot)) {
                        continue;
                    }
                    taken.add(slot);
                    won.put(id, rank + "," + slot);
                }
            }
        }
        StringBuilder out = new StringBuilder("reference,application,rank,room,date,slot\n");
        for (var ref : apps.entrySet()) {
            for (int app : ref.getValue().keySet()) {
                String w = won.get(ref.getKey() + "#" + app);
                out.append(ref.getKey()).append(',').append(app).append(',').append(w == null ? ",,," : w).append('\n');
            }
        }
        return out.toString();
    }
}
