package jp.machi.inquiry.internal;

import java.nio.charset.StandardCharsets;
import jp.machi.shared.image.ImageProcessor;
import jp.machi.shared.image.ImageRejected;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Files sent with an inquiry, checked by their content, never their name: JPEG and PNG photos are decoded and
 * re-encoded as JPEG without metadata (shared.image), PDFs must start with the PDF signature; anything else is
 * refused.
 */
@Component
public class Attachments {

    public static final int MAX_FILES = 3;

    /** A checked file, ready to store. */
    public record Checked(String filename, String contentType, byte[] content) {}

    /** Why a file was refused: a message key of the inquiry bundle. */
    public static final class Rejected extends Exception {
        private final String messageKey;

        Rejected(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final long maxBytes;
    private final ImageProcessor images;

    Attachments(@Value("${machi.inquiry.attachment-max-bytes:5242880}") long maxBytes) {
        this.maxBytes = maxBytes;
        this.images = new ImageProcessor(maxBytes);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Checked check(String originalName, byte[] bytes) throws Rejected {
        if (bytes == null || bytes.length == 0) {
            throw new Rejected("inquiry.attachment.empty");
        }
        if (bytes.length > maxBytes) {
            throw new Rejected("inquiry.attachment.tooLarge");
        }
        String base = safeName(originalName);
        if (isPdf(bytes)) {
            return new Checked(withExtension(base, ".pdf"), "application/pdf", bytes);
        }
        if (ImageProcessor.isJpeg(bytes) || ImageProcessor.isPng(bytes)) {
            try {
                return new Checked(withExtension(base, ".jpg"), "image/jpeg", images.process(bytes).web());
            } catch (ImageRejected e) {
                throw new Rejected(e.reason() == ImageRejected.Reason.TOO_MANY_PIXELS
                    ? "inquiry.attachment.tooManyPixels" : "inquiry.attachment.notAllowed");
            }
        }
        throw new Rejected("inquiry.attachment.notAllowed");
    }

    static boolean isPdf(byte[] b) {
        byte[] sig = "%PDF-".getBytes(StandardCharsets.US_ASCII);
        if (b.length < sig.length + 3) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if (b[i] != sig[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name without a path, control characters or anything a header could trip over; "file" when nothing is left. */
    static String safeName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        n = Texts.line(n).replaceAll("[\"<>:|?*;%]", "_");
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        if (n.isBlank()) {
            n = "file";
        }
        return n.length() > 80 ? n.substring(0, 80) : n;
    }

    private static String withExtension(String base, String ext) {
        return base + ext;
    }
}
