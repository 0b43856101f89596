// SPDX-License-Identifier: AGPL-3.0-or-later
//
// Posts まちレポ reports with one ~5-MB JPEG photo (camera-sized, with noise so it does not compress away) to
// the JSON API, one after another, and reports latency percentiles. JDK 21+ only:
//
//   java bench/ReportPostLoad.java --url http://127.0.0.1:18311/api/v1/reports --token demo-resident-token \
//       --requests 40 --warmup 5
//
// Each post is a full report: category, place in the ward, description, answers, and the photo, which the
// server checks by content, turns upright, strips of all metadata, resizes and thumbnails.

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

public class ReportPostLoad {

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://127.0.0.1:18311/api/v1/reports");
        String token = arg(args, "--token", "demo-resident-token");
        int requests = Integer.parseInt(arg(args, "--requests", "40"));
        int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
        if (!URI.create(url).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only");
        }
        byte[] jpeg = photo(5_000_000);
        System.out.printf("photo: %,d bytes%n", jpeg.length);
        HttpClient http = HttpClient.newHttpClient();
        List<Long> times = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < warmup + requests; i++) {
            String boundary = "----machi" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream(jpeg.length + 2048);
            field(body, boundary, "serviceCode", "street-light");
            field(body, boundary, "lat", "35.7356");
            field(body, boundary, "lon", "139.6516");
            field(body, boundary, "description", "【ベンチマーク】街路灯が消えています " + i);
            field(body, boundary, "attribute[pole_number]", "B-" + i);
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(jpeg);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 201) {
                errors++;
                System.out.println("status " + r.statusCode() + ": " + r.body());
            }
            if (i >= warmup) {
                times.add(t);
            }
        }
        Collections.sort(times);
        System.out.printf("posts: %d measured, %d errors; p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", times.size(),
            errors, ms(times, 0.50), ms(times, 0.95), ms(times, 0.99), times.getLast() / 1_000_000);
    }

    static long ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1_000_000;
    }

    static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
            + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A noisy camera-sized JPEG of at least {@code minBytes}. */
    static byte[] photo(int minBytes) throws Exception {
        Random rnd = new Random(42);
        for (int w = 2400; ; w += 200) {
            int h = w * 3 / 4;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = (x * 255 / w) ^ (y * 255 / h);
                    int n = rnd.nextInt(64);
                    img.setRGB(x, y, ((base + n) & 0xFF) << 16 | ((base / 2 + n) & 0xFF) << 8 | ((255 - base + n) & 0xFF));
                }
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.92f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            writer.dispose();
            if (out.size() >= minBytes) {
                return out.toByteArray();
            }
        }
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }
}
