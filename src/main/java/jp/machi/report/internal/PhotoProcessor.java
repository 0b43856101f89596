package jp.machi.report.internal;

import java.util.List;
import jp.machi.shared.image.ImageProcessor;
import jp.machi.shared.image.ImageRejected;
import jp.machi.shared.image.ProcessedImage;
import jp.machi.shared.image.Rect;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The report module's use of the shared {@link ImageProcessor} (re-encode without metadata, upright, resize,
 * thumbnail): its own size limit ({@code machi.report.photo.max-bytes}) and messages ({@code report.photo.*}).
 */
@Component
public class PhotoProcessor {

    private final ImageProcessor images;

    public PhotoProcessor(@Value("${machi.report.photo.max-bytes:10485760}") long maxBytes) {
        this.images = new ImageProcessor(maxBytes);
    }

    public long maxBytes() {
        return images.maxBytes();
    }

    /** Why a photo was refused; {@link #messageKey()} is in messages/report. */
    public static final class PhotoRejected extends Exception {
        private final String messageKey;

        public PhotoRejected(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        PhotoRejected(ImageRejected cause) {
            this("report.photo." + cause.reason().key());
        }

        public String messageKey() {
            return messageKey;
        }
    }

    public ProcessedImage process(byte[] upload) throws PhotoRejected {
        try {
            return images.process(upload);
        } catch (ImageRejected e) {
            throw new PhotoRejected(e);
        }
    }

    /** Fills the rectangles black in a stored web image and makes the web image and thumbnail again. */
    public ProcessedImage redact(byte[] storedWebJpeg, List<Rect> rects) throws PhotoRejected {
        try {
            return images.redact(storedWebJpeg, rects);
        } catch (ImageRejected e) {
            throw new PhotoRejected(e);
        }
    }
}
