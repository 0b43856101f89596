package jp.machi.shared.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded image into what a module stores and publishes: a JPEG re-encoded from pixels only (no EXIF,
 * no GPS, no camera serial, no comments), turned upright by the EXIF orientation, at most {@link #WEB_LONG_SIDE}
 * px on the long side, plus a {@link #THUMB_LONG_SIDE}-px thumbnail. The type is decided by the content (magic
 * bytes and a successful decode), not the name; the dimensions are read from the header before decoding, so a
 * decompression bomb is refused without allocating its pixels. The original upload is never kept. Used by the
 * report module (まちレポ photos) and the facility module (facility photos); each gives its own size limit.
 * Thread-safe.
 */
public final class ImageProcessor {

    public static final int WEB_LONG_SIDE = 1600;
    public static final int THUMB_LONG_SIDE = 320;
    public static final long MAX_PIXELS = 40_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    /**
     * How many images are decoded and re-encoded at once in this JVM, whichever module asks: one per processor. An
     * image just under {@link #MAX_PIXELS} takes about a second of CPU and some 80 MB of heap while it is worked on,
     * so unbounded concurrency (eight such uploads at once grew the heap by 650 MB, issue 16) is refused instead.
     */
    public static final int DECODE_SLOTS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** How long a request waits for a decoding slot before it is answered {@link ImagesBusy}. */
    public static final java.time.Duration DECODE_WAIT = java.time.Duration.ofSeconds(2);

    private static final java.util.concurrent.Semaphore DECODING =
        new java.util.concurrent.Semaphore(DECODE_SLOTS, true);

    private final long maxBytes;

    public ImageProcessor(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The gate in front of decoding, for tests and monitoring: {@code availablePermits()} is the number of free slots.
     * Never release a permit you did not acquire.
     */
    public static java.util.concurrent.Semaphore decodingGate() {
        return DECODING;
    }

    /** Checks, decodes, turns upright, strips and resizes an upload; waits at most {@link #DECODE_WAIT} for a slot. */
    public ProcessedImage process(byte[] upload) throws ImageRejected {
        // cheap checks first: a refused upload never waits for a slot
        if (upload == null || upload.length == 0) {
            throw new ImageRejected(ImageRejected.Reason.EMPTY);
        }
        if (upload.length > maxBytes) {
            throw new ImageRejected(ImageRejected.Reason.TOO_LARGE);
        }
        if (!isJpeg(upload) && !isPng(upload)) {
            throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
        }
        acquire();
        try {
            return processNow(upload);
        } finally {
            DECODING.release();
        }
    }

    /** Fills the rectangles black in a stored web image and makes the web image and thumbnail again. */
    public ProcessedImage redact(byte[] storedWebJpeg, List<Rect> rects) throws ImageRejected {
        acquire();
        try {
            return redactNow(storedWebJpeg, rects);
        } finally {
            DECODING.release();
        }
    }

    private static void acquire() {
        try {
            if (!DECODING.tryAcquire(DECODE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new ImagesBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagesBusy();
        }
    }

    private ProcessedImage processNow(byte[] upload) throws ImageRejected {
        if (upload == null || upload.length == 0) {
            throw new ImageRejected(ImageRejected.Reason.EMPTY);
        }
        if (upload.length > maxBytes) {
            throw new ImageRejected(ImageRejected.Reason.TOO_LARGE);
        }
        boolean jpeg = isJpeg(upload);
        if (!jpeg && !isPng(upload)) {
            throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
        }
        BufferedImage image = decode(upload, jpeg ? "jpeg" : "png");
        Optional<GeoPoint> gps = Optional.empty();
        if (jpeg) {
            Exif exif = Exif.read(upload);
            image = upright(image, exif.orientation());
            gps = exif.location();
        }
        return encode(image, gps);
    }

    private ProcessedImage redactNow(byte[] storedWebJpeg, List<Rect> rects) throws ImageRejected {
        BufferedImage image = decode(storedWebJpeg, "jpeg");
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.BLACK);
            for (Rect r : rects) {
                g.fillRect(r.x(), r.y(), r.w(), r.h());
            }
        } finally {
            g.dispose();
        }
        return encode(image, Optional.empty());
    }

    public static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    public static boolean isPng(byte[] b) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (b[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private BufferedImage decode(byte[] bytes, String format) throws ImageRejected {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long w = reader.getWidth(0);
            long h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
            }
            if (w * h > MAX_PIXELS) {
                throw new ImageRejected(ImageRejected.Reason.TOO_MANY_PIXELS);
            }
            BufferedImage image = reader.read(0);
            if (image == null) {
                throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
            }
            return toRgb(image);
        } catch (IOException | RuntimeException e) {
            // a truncated or malformed file, an unsupported colour model (e.g. CMYK): refuse rather than fail
            throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE); // transparent PNG areas become white, not black
            g.fillRect(0, 0, src.getWidth(), src.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Applies the EXIF orientation (1–8) so that the pixels themselves are upright. */
    static BufferedImage upright(BufferedImage src, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private ProcessedImage encode(BufferedImage image, Optional<GeoPoint> gps) throws ImageRejected {
        BufferedImage web = scale(image, WEB_LONG_SIDE);
        BufferedImage thumb = scale(web, THUMB_LONG_SIDE);
        return new ProcessedImage(jpeg(web, 0.85f), web.getWidth(), web.getHeight(), jpeg(thumb, 0.8f),
            thumb.getWidth(), thumb.getHeight(), gps.orElse(null));
    }

    /** Scales down (never up) so the long side is at most {@code longSide}, halving in steps for quality. */
    static BufferedImage scale(BufferedImage src, int longSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        int max = Math.max(w, h);
        if (max <= longSide) {
            return src;
        }
        double ratio = (double) longSide / max;
        int targetW = Math.max(1, (int) Math.round(w * ratio));
        int targetH = Math.max(1, (int) Math.round(h * ratio));
        BufferedImage current = src;
        int cw = w;
        int ch = h;
        do {
            cw = Math.max(targetW, cw / 2);
            ch = Math.max(targetH, ch / 2);
            BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, cw, ch, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (cw != targetW || ch != targetH);
        return current;
    }

    /** Encodes pixels only: ImageIO writes a bare JFIF header and no EXIF, GPS or maker notes. */
    private static byte[] jpeg(BufferedImage image, float quality) throws ImageRejected {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new ImageRejected(ImageRejected.Reason.NOT_IMAGE);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
