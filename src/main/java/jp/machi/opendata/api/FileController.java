package jp.machi.opendata.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import jp.machi.opendata.internal.Catalog;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.opendata.internal.FileService;
import jp.machi.opendata.internal.Resource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The files: {@code /opendata/files/{ward code}_{slug}.{csv,json,geojson}}, generated from the current data (see
 * {@link FileService}), with ETag and Last-Modified; a conditional GET whose validators still match gets 304 without
 * any generation. {@code Cache-Control: no-cache} makes every cache ask again, so a change is seen at once.
 */
@RestController
class FileController {

    private final CatalogService catalogs;
    private final FileService files;

    FileController(CatalogService catalogs, FileService files) {
        this.catalogs = catalogs;
        this.files = files;
    }

    @GetMapping("/opendata/files/{fileName:.+}")
    ResponseEntity<?> file(@PathVariable String fileName, HttpServletRequest request, HttpServletResponse response) {
        Catalog catalog = catalogs.current();
        Resource r = catalog.file(fileName).orElse(null);
        if (r == null) {
            return notFound();
        }
        FileService.Validators v = files.validators(catalog, r);
        if (new ServletWebRequest(request, response).checkNotModified(v.etag(), v.lastModified().toEpochMilli())) {
            return null;
        }
        FileService.Ready ready = files.file(r, v);
        ResponseEntity.BodyBuilder b = ResponseEntity.ok()
            .eTag(v.etag())
            .lastModified(v.lastModified())
            .cacheControl(CacheControl.noCache())
            .contentLength(ready.size())
            .contentType(mediaType(r.format()));
        if (r.format() == Resource.Format.CSV) {
            b.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(r.fileName()).build().toString());
        }
        return b.body(new FileSystemResource(ready.path()));
    }

    /** An older version of an uploaded dataset, as it was stored. */
    @GetMapping("/opendata/datasets/{name}/versions/{version:[0-9]{1,6}}.csv")
    ResponseEntity<?> version(@PathVariable String name, @PathVariable int version) {
        CatalogDataset d = catalogs.current().find(name).orElse(null);
        if (d == null || d.kind() != CatalogDataset.Kind.UPLOADED) {
            return notFound();
        }
        var info = d.versions().stream().filter(x -> x.version() == version).findFirst().orElse(null);
        byte[] content = info == null ? null : files.version(d, version).orElse(null);
        if (content == null) {
            return notFound();
        }
        Instant at = info.uploadedAt();
        return ResponseEntity.ok().contentType(mediaType(Resource.Format.CSV)).lastModified(at)
            .eTag("\"" + info.sha256().substring(0, 32) + "\"")
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(catalogs.current().wardCode() + "_" + d.fileSlug() + ".v" + version + ".csv").build().toString())
            .body(content);
    }

    static MediaType mediaType(Resource.Format f) {
        return switch (f) {
            case CSV -> MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");
            case JSON -> MediaType.parseMediaType("application/json;charset=UTF-8");
            case GEOJSON -> MediaType.parseMediaType("application/geo+json;charset=UTF-8");
        };
    }

    private static ResponseEntity<String> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
            .body("404 Not Found: no such open data file / ファイルが見つかりません\n");
    }
}
