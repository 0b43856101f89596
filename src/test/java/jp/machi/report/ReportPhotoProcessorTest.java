package jp.machi.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import jp.machi.report.internal.PhotoProcessor;
import org.junit.jupiter.api.Test;

/** Photos lose every bit of metadata, are turned upright and resized; anything that is not an image is refused. */
public class ReportPhotoProcessorTest {

    final PhotoProcessor processor = new PhotoProcessor(10 * 1024 * 1024);

    /** A landscape image: red on the left half, blue on the right. */
    public static byte[] image(String format, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                img.setRGB(x, y, x < w / 2 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** An EXIF APP1 segment (little-endian TIFF) with an orientation and a GPS position, and a camera serial. */
    public static byte[] app1(int orientation, double lat, double lon) {
        ByteBuffer t = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: 3 entries
        t.putShort((short) 3);
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        t.putShort((short) 0xA431).putShort((short) 2).putInt(8).putInt(200);           // BodySerialNumber at 200
        t.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(60);            // GPS IFD at 60
        t.putInt(0);
        t.position(60);
        t.putShort((short) 4);
        t.putShort((short) 1).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        t.putShort((short) 2).putShort((short) 5).putInt(3).putInt(120);
        t.putShort((short) 3).putShort((short) 2).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        t.putShort((short) 4).putShort((short) 5).putInt(3).putInt(150);
        t.putInt(0);
        rational(t, 120, lat);
        rational(t, 150, lon);
        t.position(200);
        t.put("SN12345".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        byte[] tiff = new byte[256];
        t.position(0);
        t.get(tiff);
        ByteBuffer seg = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        seg.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        seg.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
        return seg.array();
    }

    static void rational(ByteBuffer t, int at, double degrees) {
        int d = (int) degrees;
        double m = (degrees - d) * 60;
        int mi = (int) m;
        int s = (int) Math.round((m - mi) * 60 * 1000);
        t.position(at);
        t.putInt(d).putInt(1).putInt(mi).putInt(1).putInt(s).putInt(1000);
    }

    public static byte[] withExif(byte[] jpeg, byte[] app1) {
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void aJpegWithGpsAndOrientationComesOutUprightWithoutAnyMetadata() throws Exception {
        byte[] upload = withExif(image("jpeg", 400, 200), app1(6, 35.7356, 139.6516));
        assertThat(contains(upload, "Exif")).isTrue();

        jp.machi.shared.image.ProcessedImage p = processor.process(upload);

        assertThat(contains(p.web(), "Exif")).isFalse();
        assertThat(contains(p.web(), "SN12345")).isFalse();
        assertThat(contains(p.thumbnail(), "Exif")).isFalse();
        // orientation 6: turned 90° clockwise, so the portrait result has red (the old left) on top
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(p.web()));
        assertThat(out.getWidth()).isEqualTo(200);
        assertThat(out.getHeight()).isEqualTo(400);
        assertThat(new Color(out.getRGB(100, 50)).getRed()).isGreaterThan(200);
        assertThat(new Color(out.getRGB(100, 350)).getBlue()).isGreaterThan(200);
        // the GPS is only a suggestion, returned to the caller, never in the bytes
        assertThat(p.exifLocation()).isNotNull();
        assertThat(p.exifLocation().lat()).isCloseTo(35.7356, org.assertj.core.data.Offset.offset(0.001));
        assertThat(p.exifLocation().lon()).isCloseTo(139.6516, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void aLargePngIsResizedToTheWebSizeWithAThumbnail() throws Exception {
        jp.machi.shared.image.ProcessedImage p = processor.process(image("png", 3200, 1600));
        assertThat(p.width()).isEqualTo(1600);
        assertThat(p.height()).isEqualTo(800);
        assertThat(p.thumbWidth()).isEqualTo(320);
        assertThat(p.web()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(p.web()[1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void aScriptNamedJpgIsRefused() {
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> processor.process(script)).isInstanceOf(PhotoProcessor.PhotoRejected.class)
            .hasMessage("report.photo.notImage");
        // JPEG magic bytes followed by garbage: refused by the decode
        byte[] fake = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 'x', 'x', 'x', 'x'};
        assertThatThrownBy(() -> processor.process(fake)).isInstanceOf(PhotoProcessor.PhotoRejected.class);
    }

    @Test
    void oversizedFilesAndDecompressionBombsAreRefused() throws Exception {
        PhotoProcessor small = new PhotoProcessor(100);
        assertThatThrownBy(() -> small.process(image("png", 200, 200))).isInstanceOf(PhotoProcessor.PhotoRejected.class)
            .hasMessage("report.photo.tooLarge");
        // a PNG header claiming 10,000 × 10,000 pixels: refused before any pixel is decoded
        byte[] png = image("png", 10, 10);
        ByteBuffer.wrap(png, 16, 8).putInt(10_000).putInt(10_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17); // IHDR type and data
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        assertThatThrownBy(() -> processor.process(png)).isInstanceOf(PhotoProcessor.PhotoRejected.class)
            .hasMessage("report.photo.tooManyPixels");
    }
}
