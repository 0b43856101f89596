package jp.machi.facility.web;

import java.time.Duration;
import jp.machi.facility.internal.FacilityPhotos;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stored (processed, metadata-free) facility photos, for everyone: the web size and the thumbnail. A photo's
 * id never changes its image (a new upload is a new id), so the answers may be cached for a day.
 */
@RestController
class FacilityPhotoController {

    private final FacilityPhotos photos;

    FacilityPhotoController(FacilityPhotos photos) {
        this.photos = photos;
    }

    @GetMapping("/facilities/{id}/photos/{photoId}.jpg")
    ResponseEntity<byte[]> web(@PathVariable String id, @PathVariable String photoId) {
        return image(id, photoId, false);
    }

    @GetMapping("/facilities/{id}/photos/{photoId}/thumbnail.jpg")
    ResponseEntity<byte[]> thumbnail(@PathVariable String id, @PathVariable String photoId) {
        return image(id, photoId, true);
    }

    private ResponseEntity<byte[]> image(String id, String photoId, boolean thumbnail) {
        if (!photoId.matches("\\d{1,18}") || id.length() > 80) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return photos.image(id, Long.parseLong(photoId), thumbnail)
            .map(bytes -> ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .header("X-Content-Type-Options", "nosniff").body(bytes))
            .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
