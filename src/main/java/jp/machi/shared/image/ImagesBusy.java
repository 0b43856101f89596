package jp.machi.shared.image;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every image decoding slot stayed taken for the whole wait ({@link ImageProcessor#DECODE_WAIT}): the upload was not
 * looked at. A 503 with {@code Retry-After} wherever it is not answered more specifically (the report pages, API and
 * Open311 answer it in their own formats).
 */
public class ImagesBusy extends ResponseStatusException {

    /** Seconds after which a retry is sensible. */
    public static final long RETRY_AFTER_SECONDS = 5;

    public ImagesBusy() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Too many images are being processed at the moment");
    }

    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }

    @Override
    public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        return headers;
    }
}
