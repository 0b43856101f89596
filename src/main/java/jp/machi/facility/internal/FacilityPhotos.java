package jp.machi.facility.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.shared.image.ImageProcessor;
import jp.machi.shared.image.ImageRejected;
import jp.machi.shared.image.ProcessedImage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos of a facility: staff upload them (checked by content, size-limited, re-encoded without any metadata,
 * upright, resized, with a thumbnail — the shared {@link ImageProcessor}, as for まちレポ photos), give each an
 * alt text in Japanese and English, reorder and delete them. Only the processed images are stored (table
 * {@code facility_photo}); the original upload never is. Every change is audited with the subject
 * {@code facility:<id>/photo:<photoId>}, and the department scope is checked as for every other facility change.
 */
@Service
public class FacilityPhotos {

    /** At most this many photos per facility. */
    public static final int MAX_PER_FACILITY = 12;
    public static final int MAX_ALT = 200;

    /** A photo's data for pages and the API (no image bytes). */
    public record Photo(long id, String facilityId, String altJa, String altEn, int width, int height, int thumbWidth,
                        int thumbHeight, int sortOrder) {
        public String alt(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) && altEn != null && !altEn.isBlank() ? altEn : altJa;
        }

        public String url() {
            return "/facilities/" + facilityId + "/photos/" + id + ".jpg";
        }

        public String thumbnailUrl() {
            return "/facilities/" + facilityId + "/photos/" + id + "/thumbnail.jpg";
        }
    }

    /** A refused upload or alt text: the form field and the message key (messages/facility-photos). */
    public static final class Refused extends FacilityService.Rejected {
        public Refused(String field, String messageKey) {
            super(field, messageKey);
        }
    }

    private final JdbcClient jdbc;
    private final FacilityService facilities;
    private final AuditLog audit;
    private final ImageProcessor images;

    public FacilityPhotos(JdbcClient jdbc, FacilityService facilities, AuditLog audit,
                          @Value("${machi.facility.photo.max-bytes:10485760}") long maxBytes) {
        this.jdbc = jdbc;
        this.facilities = facilities;
        this.audit = audit;
        this.images = new ImageProcessor(maxBytes);
    }

    public long maxBytes() {
        return images.maxBytes();
    }

    /** The photos of a facility in their order. */
    public List<Photo> list(String facilityId) {
        return jdbc.sql("""
                select id, facility_id, alt_ja, alt_en, width, height, thumb_width, thumb_height, sort_order
                from facility_photo where facility_id = ? and thumbnail is not null order by sort_order, id""")
            .param(facilityId).query((rs, n) -> new Photo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9))).list();
    }

    /** The stored JPEG (web size, or the thumbnail) of a photo of that facility. */
    public Optional<byte[]> image(String facilityId, long photoId, boolean thumbnail) {
        return jdbc.sql("select " + (thumbnail ? "thumbnail" : "bytes") + " from facility_photo where id = ? and facility_id = ?"
                + " and thumbnail is not null")
            .params(photoId, facilityId).query(byte[].class).optional();
    }

    /**
     * Checks the alt texts and the image, then stores the processed image last in the order. Nothing is stored
     * when anything is wrong.
     */
    @Transactional
    public long add(long accountId, String facilityId, byte[] upload, String altJa, String altEn) {
        facilities.requireEditable(accountId, facilityId);
        String ja = checkAlt("altJa", altJa);
        String en = checkAlt("altEn", altEn);
        int count = jdbc.sql("select count(*) from facility_photo where facility_id = ?").param(facilityId).query(Integer.class).single();
        if (count >= MAX_PER_FACILITY) {
            throw new Refused("photo", "facility.photo.error.tooMany");
        }
        ProcessedImage p;
        try {
            p = images.process(upload);
        } catch (ImageRejected e) {
            throw new Refused("photo", "facility.photo.error." + e.reason().key());
        }
        long id = jdbc.sql("""
                insert into facility_photo (facility_id, content_type, bytes, alt_ja, alt_en, width, height, thumbnail,
                  thumb_width, thumb_height, sort_order, created_by)
                values (?, 'image/jpeg', ?, ?, ?, ?, ?, ?, ?, ?,
                  coalesce((select max(sort_order) + 1 from facility_photo where facility_id = ?), 1), ?) returning id""")
            .params(facilityId, p.web(), ja, en, p.width(), p.height(), p.thumbnail(), p.thumbWidth(), p.thumbHeight(),
                facilityId, accountId)
            .query(Long.class).single();
        audit.record(AuditEvent.byCurrentActor("facility.photo.create", null, "facility:" + facilityId + "/photo:" + id,
            AuditDetail.of("facility.audit.photo.create", p.width(), p.height())));
        return id;
    }

    /** Changes the alt texts of a photo. */
    @Transactional
    public void describe(long accountId, String facilityId, long photoId, String altJa, String altEn) {
        facilities.requireEditable(accountId, facilityId);
        String ja = checkAlt("altJa", altJa);
        String en = checkAlt("altEn", altEn);
        if (jdbc.sql("update facility_photo set alt_ja = ?, alt_en = ? where id = ? and facility_id = ?")
            .params(ja, en, photoId, facilityId).update() == 0) {
            throw new FacilityService.NotFound();
        }
        audit.record(AuditEvent.byCurrentActor("facility.photo.update", null, "facility:" + facilityId + "/photo:" + photoId,
            AuditDetail.of("facility.audit.photo.update")));
    }

    /** Moves a photo one place earlier ({@code -1}) or later ({@code +1}); the order is renumbered 1, 2, 3 … */
    @Transactional
    public void move(long accountId, String facilityId, long photoId, int step) {
        facilities.requireEditable(accountId, facilityId);
        List<Long> ids = new ArrayList<>(jdbc.sql("select id from facility_photo where facility_id = ? order by sort_order, id for update")
            .param(facilityId).query(Long.class).list());
        int at = ids.indexOf(photoId);
        if (at < 0) {
            throw new FacilityService.NotFound();
        }
        int to = Math.max(0, Math.min(ids.size() - 1, at + Integer.signum(step)));
        if (to == at) {
            return;
        }
        ids.remove(at);
        ids.add(to, photoId);
        for (int i = 0; i < ids.size(); i++) {
            jdbc.sql("update facility_photo set sort_order = ? where id = ?").params(i + 1, ids.get(i)).update();
        }
        audit.record(AuditEvent.byCurrentActor("facility.photo.reorder", null, "facility:" + facilityId + "/photo:" + photoId,
            AuditDetail.of("facility.audit.photo.reorder", to + 1)));
    }

    @Transactional
    public void delete(long accountId, String facilityId, long photoId) {
        facilities.requireEditable(accountId, facilityId);
        if (jdbc.sql("delete from facility_photo where id = ? and facility_id = ?").params(photoId, facilityId).update() == 0) {
            throw new FacilityService.NotFound();
        }
        audit.record(AuditEvent.byCurrentActor("facility.photo.delete", null, "facility:" + facilityId + "/photo:" + photoId,
            AuditDetail.of("facility.audit.photo.delete")));
    }

    private static String checkAlt(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new Refused(field, "facility.photo.error." + field + ".required");
        }
        if (v.length() > MAX_ALT || v.chars().anyMatch(c -> c < 0x20)) {
            throw new Refused(field, "facility.photo.error." + field + ".invalid");
        }
        return v;
    }
}
