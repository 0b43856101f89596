package jp.machi.inquiry.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import jp.machi.inquiry.internal.Faq;
import jp.machi.inquiry.internal.FaqRepository;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.ApiProblem;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/faq/{id}}: one published FAQ entry. */
@RestController
@Tag(name = "FAQ", description = "The ward's frequently asked questions")
class FaqApiController {

    record Link(String url, String label) {}

    record Entry(long id, String question, String answer, @Schema(description = "life event, e.g. moving, garbage") String category,
                 String categoryLabel, String department, String departmentLabel, String departmentPhone,
                 List<Link> links, String url, Instant updated,
                 @Schema(description = "true when English was asked for but only Japanese exists") boolean japaneseOnly) {}

    private final FaqRepository faqs;
    private final WardProfile ward;
    private final MessageSource messages;

    FaqApiController(FaqRepository faqs, WardProfile ward, MessageSource messages) {
        this.faqs = faqs;
        this.ward = ward;
        this.messages = messages;
    }

    @Operation(summary = "One FAQ entry (question, answer, department, links)",
        responses = {
            @ApiResponse(responseCode = "200", description = "the entry"),
            @ApiResponse(responseCode = "400", description = "a bad parameter, named in `parameter`",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class))),
            @ApiResponse(responseCode = "404", description = "no such published entry",
                content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))})
    @GetMapping(value = "/api/v1/faq/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Entry> entry(@Parameter(description = "the entry's number") @PathVariable String id,
                            @Parameter(description = "ja (default) or en") @RequestParam(required = false) String lang) {
        if (lang != null && !lang.isBlank() && !"ja".equals(lang.strip()) && !"en".equals(lang.strip())) {
            throw ApiProblem.badRequest("lang", "inquiry.api.error.lang");
        }
        Locale locale = lang != null && "en".equals(lang.strip()) ? Locale.ENGLISH : Locale.JAPANESE;
        if (id == null || !id.matches("\\d{1,18}")) {
            throw ApiProblem.badRequest("id", "inquiry.api.error.id");
        }
        boolean staff = CurrentActor.principal().map(MachiPrincipal::isStaff).orElse(false);
        Faq f = faqs.find(Long.parseLong(id)).orElse(null);
        if (f == null || f.status() != Faq.Status.PUBLISHED || (f.staffOnly() && !staff)) {
            throw ApiProblem.notFound("id", "inquiry.api.error.notFound");
        }
        var dept = ward.department(f.departmentCode());
        return ResponseEntity.ok(new Entry(f.id(), f.question(locale), f.answer(locale), f.category().slug(),
            messages.getMessage(f.category().messageKey(), null, locale), f.departmentCode(),
            dept.map(d -> d.label(locale)).orElse(f.departmentCode()), dept.map(WardProfile.Department::phone).orElse(null),
            f.links().stream().map(l -> new Link(l.path(), l.label(locale))).toList(), "/faq/" + f.id(), f.updatedAt(),
            f.japaneseOnly(locale)));
    }
}
