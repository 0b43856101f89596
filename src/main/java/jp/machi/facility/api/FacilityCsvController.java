package jp.machi.facility.api;

import jp.machi.facility.internal.opendata.Dataset;
import jp.machi.facility.internal.opendata.OpenDataExport;
import jp.machi.ward.WardProfile;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The facility master as the 自治体標準オープンデータセット CSVs (current Digital Agency layout). */
@RestController
class FacilityCsvController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");

    private final OpenDataExport export;
    private final WardProfile ward;
    FacilityCsvController(OpenDataExport export, WardProfile ward) {
        this.export = export;
        this.ward = ward;
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Facilities as a 自治体標準オープンデータセット CSV",
        description = "Current Digital Agency layout; UTF-8 with BOM, CRLF line ends, RFC 4180 quoting. "
            + "File name {ward code}_{slug}.csv. A missing or unknown dataset gives 400 with problem details naming the parameter.")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The CSV",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = "Bad dataset parameter",
        content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json"))
    @GetMapping("/api/v1/facilities.csv")
    void csv(@io.swagger.v3.oas.annotations.Parameter(description = "Which dataset",
                                   schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
                                       allowableValues = {"public-facilities", "aed", "wifi", "emergency-sites"}))
                               @RequestParam(required = false) String dataset, HttpServletResponse response)
        throws java.io.IOException {
        Dataset d = dataset == null ? null : Dataset.byParameter(dataset.strip()).orElse(null);
        if (d == null) {
            throw jp.machi.shared.web.ApiProblem.badRequest("dataset", dataset == null || dataset.isBlank()
                ? "facility.data.api.datasetMissing" : "facility.data.api.datasetUnknown");
        }
        response.setContentType(CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.fileName(ward.code())).build().toString());
        export.export(d, response.getOutputStream()); // streamed: constant memory for any number of facilities
    }
}
