package jp.machi.facility.api;

import java.util.Locale;
import jp.machi.facility.internal.opendata.Dataset;
import jp.machi.facility.internal.opendata.OpenDataExport;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The facility master as the 自治体標準オープンデータセット CSVs (current Digital Agency layout). */
@RestController
class FacilityCsvController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");

    private final OpenDataExport export;
    private final WardProfile ward;
    private final MessageSource messages;

    FacilityCsvController(OpenDataExport export, WardProfile ward, MessageSource messages) {
        this.export = export;
        this.ward = ward;
        this.messages = messages;
    }

    @GetMapping("/api/v1/facilities.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String dataset, jakarta.servlet.http.HttpServletRequest request) {
        Dataset d = dataset == null ? null : Dataset.byParameter(dataset.strip()).orElse(null);
        if (d == null) {
            Locale locale = FacilityApiController.language(request);
            String key = dataset == null || dataset.isBlank() ? "facility.data.api.datasetMissing" : "facility.data.api.datasetUnknown";
            StringBuilder sb = new StringBuilder("{");
            Json.field(sb, "status", 400);
            sb.append(',');
            Json.field(sb, "error", "bad_request");
            sb.append(',');
            Json.field(sb, "parameter", "dataset");
            sb.append(',');
            Json.field(sb, "message", messages.getMessage(key, null, key, locale));
            sb.append('}');
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.parseMediaType("application/json;charset=UTF-8"))
                .body(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(CSV)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.fileName(ward.code())).build().toString())
            .body(export.export(d));
    }
}
