package jp.machi.identity.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import jp.machi.identity.internal.PersonalDataService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The personal-data export as a JSON file to save: the same file for the resident, the API and staff. */
public final class PersonalDataDownload {

    private PersonalDataDownload() {}

    public static ResponseEntity<PersonalDataService.Export> attachment(PersonalDataService.Export export) {
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(export.generatedAt().atZone(ZoneId.of("Asia/Tokyo")));
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("machi-personal-data-" + export.accountId() + "-" + day + ".json").build().toString())
            .header(HttpHeaders.CACHE_CONTROL, "no-store")
            .body(export);
    }
}
