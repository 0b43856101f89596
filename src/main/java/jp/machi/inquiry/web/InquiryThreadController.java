package jp.machi.inquiry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.inquiry.internal.Attachments;
import jp.machi.inquiry.internal.Inquiry;
import jp.machi.inquiry.internal.InquiryRepository;
import jp.machi.inquiry.internal.InquiryRateLimits;
import jp.machi.inquiry.internal.InquiryService;
import jp.machi.inquiry.internal.Problem;
import jp.machi.inquiry.internal.Texts;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.ward.WardProfile;
import jp.machi.shared.web.SubmissionLimits;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The resident's side of a thread: on My Page ({@code /account/inquiries}) for signed-in residents, or through the
 * secret link mailed to a reply address ({@code /inquiries/t/{token}}). They see their messages and the ward's
 * replies (never internal notes or transfers) and can write again in the same thread.
 */
@Controller
class InquiryThreadController {

    private final InquiryRepository inquiries;
    private final InquiryService service;
    private final Attachments attachments;
    private final WardProfile ward;
    private final MessageSource messages;
    private final InquiryRateLimits limits;

    InquiryThreadController(InquiryRepository inquiries, InquiryService service, Attachments attachments,
                            WardProfile ward, MessageSource messages, InquiryRateLimits limits) {
        this.limits = limits;
        this.inquiries = inquiries;
        this.service = service;
        this.attachments = attachments;
        this.ward = ward;
        this.messages = messages;
    }

    /** The resident this request is for: the signed-in resident, or the one staff act for. */
    static Long residentNow() {
        var proxy = CurrentActor.actingFor().orElse(null);
        if (proxy != null) {
            return proxy.accountId();
        }
        MachiPrincipal p = CurrentActor.principal().orElse(null);
        return p != null && !p.isStaff() ? p.accountId() : null;
    }

    @GetMapping("/account/inquiries")
    String mine(Model model, Locale locale) {
        Long me = residentNow();
        model.addAttribute("inquiries", me == null ? List.of() : inquiries.ofResident(me));
        model.addAttribute("labels", WebProblems.departmentLabels(ward, locale));
        return "inquiry/mine";
    }

    @GetMapping("/account/inquiries/{id}")
    String ownThread(@PathVariable String id, Model model) {
        Inquiry i = own(id);
        return thread(i, "/account/inquiries/" + i.id(), model, Map.of());
    }

    @PostMapping("/account/inquiries/{id}")
    String ownWrite(@PathVariable String id, @RequestParam(required = false) String text,
                    @RequestParam(name = "file", required = false) List<MultipartFile> files, Model model, Locale locale,
                    HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        Inquiry i = own(id);
        return write(i, "/account/inquiries/" + i.id(), text, files, model, locale, response, redirect);
    }

    @GetMapping("/account/inquiries/{id}/files/{file}")
    ResponseEntity<byte[]> ownFile(@PathVariable String id, @PathVariable long file) {
        return file(own(id), file);
    }

    @GetMapping("/inquiries/t/{token}")
    String tokenThread(@PathVariable String token, Model model, HttpServletResponse response) {
        Inquiry i = byToken(token);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return thread(i, "/inquiries/t/" + token, model, Map.of());
    }

    /** A visitor who lost the mailed link asks for new links by e-mail. */
    @GetMapping("/inquiries/lost")
    String lost(Model model) {
        model.addAttribute("email", "");
        model.addAttribute("error", null);
        return "inquiry/lost";
    }

    @PostMapping("/inquiries/lost")
    String lostSend(@RequestParam(required = false) String email, Model model, Locale locale,
                    HttpServletResponse response, RedirectAttributes redirect) {
        String e = Texts.line(email);
        String error = null;
        if (!InquiryService.looksLikeEmail(e)) {
            error = messages.getMessage(e.isEmpty() ? "inquiry.desk.error.email" : "inquiry.desk.error.emailFormat", null, locale);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        } else {
            SubmissionLimits.Decision limit = limits.newInquiry(CurrentActor.remoteAddress(), e, null, false);
            if (!limit.allowed()) {
                error = messages.getMessage(limit.messageKey("inquiry.rateLimited"), limit.messageArgs(), locale);
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            }
        }
        if (error != null) {
            model.addAttribute("email", e);
            model.addAttribute("error", error);
            return "inquiry/lost";
        }
        service.resendLinks(e, locale);
        redirect.addFlashAttribute("lostSent", true);
        return "redirect:/inquiries/lost";
    }

    @PostMapping("/inquiries/t/{token}")
    String tokenWrite(@PathVariable String token, @RequestParam(required = false) String text,
                      @RequestParam(name = "file", required = false) List<MultipartFile> files, Model model, Locale locale,
                      HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        return write(byToken(token), "/inquiries/t/" + token, text, files, model, locale, response, redirect);
    }

    @GetMapping("/inquiries/t/{token}/files/{file}")
    ResponseEntity<byte[]> tokenFile(@PathVariable String token, @PathVariable long file) {
        return file(byToken(token), file);
    }

    private String thread(Inquiry i, String path, Model model, Map<String, String> errors) {
        model.addAttribute("inquiry", i);
        model.addAttribute("path", path);
        model.addAttribute("messages", inquiries.messages(i.id()).stream().filter(m -> m.kind().visibleToResident())
            .filter(m -> !m.body().isEmpty()).toList());
        model.addAttribute("filesByMessage", inquiries.attachments(i.id()).stream()
            .collect(java.util.stream.Collectors.groupingBy(Inquiry.Attachment::messageId)));
        model.addAttribute("department", ward.department(i.departmentCode()).orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("maxMb", attachments.maxBytes() / (1024 * 1024));
        return "inquiry/thread";
    }

    private String write(Inquiry i, String path, String text, List<MultipartFile> files, Model model, Locale locale,
                         HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        List<Problem> problems = new ArrayList<>();
        String t = Texts.clean(text);
        SubmissionLimits.Decision limit = limits.threadMessage(CurrentActor.remoteAddress(), "inquiry:" + i.id());
        if (!limit.allowed()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            model.addAttribute("text", t);
            return thread(i, path, model,
                Map.of("text", messages.getMessage(limit.messageKey("inquiry.rateLimited"), limit.messageArgs(), locale)));
        }
        if (t.isEmpty()) {
            problems.add(Problem.of("text", "inquiry.desk.error.text"));
        } else if (t.length() > InquiryService.MAX_TEXT) {
            problems.add(Problem.of("text", "inquiry.desk.error.textLong", InquiryService.MAX_TEXT));
        }
        List<Attachments.Checked> checked = new ArrayList<>();
        List<MultipartFile> uploads = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (uploads.size() > Attachments.MAX_FILES) {
            problems.add(Problem.of("file", "inquiry.attachment.tooMany", Attachments.MAX_FILES));
        }
        for (MultipartFile f : uploads) {
            if (!problems.isEmpty()) {
                break;
            }
            try {
                checked.add(attachments.check(f.getOriginalFilename(), f.getBytes()));
            } catch (Attachments.Rejected e) {
                problems.add(Problem.of("file", e.messageKey(), attachments.maxBytes() / (1024 * 1024)));
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("text", t);
            return thread(i, path, model, WebProblems.messages(problems, messages, locale));
        }
        service.residentWrites(i, t, checked);
        redirect.addFlashAttribute("written", true);
        return "redirect:" + path;
    }

    private ResponseEntity<byte[]> file(Inquiry i, long fileId) {
        var meta = inquiries.attachments(i.id()).stream().filter(a -> a.id() == fileId).findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] content = inquiries.attachmentContent(i.id(), fileId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return download(meta, content);
    }

    static ResponseEntity<byte[]> download(Inquiry.Attachment meta, byte[] content) {
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(meta.contentType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(meta.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
            .header("X-Content-Type-Options", "nosniff")
            .cacheControl(CacheControl.noStore())
            .body(content);
    }

    private Inquiry own(String id) {
        Long me = residentNow();
        if (me == null || id == null || !id.matches("\\d{1,18}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Inquiry i = inquiries.find(Long.parseLong(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!me.equals(i.residentAccountId()) || i.erased()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return i;
    }

    private Inquiry byToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return inquiries.findByTokenHash(InquiryService.hash(token))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
