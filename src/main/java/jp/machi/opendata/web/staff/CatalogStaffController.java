package jp.machi.opendata.web.staff;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.opendata.internal.CatalogDataset;
import jp.machi.opendata.internal.CatalogEditor;
import jp.machi.opendata.internal.CatalogService;
import jp.machi.opendata.internal.Layout;
import jp.machi.opendata.internal.Licence;
import jp.machi.opendata.internal.UploadService;
import jp.machi.shared.security.CurrentActor;
import jp.machi.shared.security.MachiPrincipal;
import jp.machi.shared.web.Option;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff keep the catalog: edit any dataset's texts and licence, create datasets to upload, upload versions. */
@Controller
@RequestMapping("/staff/opendata")
class CatalogStaffController {

    /** A problem in the reader's language. */
    record ProblemRow(long row, String column, String message) {}

    private final CatalogService catalogs;
    private final CatalogEditor editor;
    private final UploadService uploads;
    private final WardProfile ward;
    private final MessageSource messages;

    CatalogStaffController(CatalogService catalogs, CatalogEditor editor, UploadService uploads, WardProfile ward,
                           MessageSource messages) {
        this.catalogs = catalogs;
        this.editor = editor;
        this.uploads = uploads;
        this.ward = ward;
        this.messages = messages;
    }

    @ModelAttribute("ward")
    WardProfile ward() {
        return ward;
    }

    @GetMapping
    String index(Model model) {
        model.addAttribute("datasets", catalogs.current().all());
        return "opendata/staff/index";
    }

    @GetMapping("/new")
    String newForm(Model model, Locale locale) {
        return form(model, locale, new CatalogEditor.Draft("", Layout.ALL.get(0).code(), "", "", "", "",
            ward.departments().isEmpty() ? "" : ward.departments().get(0).code(), DataCategory.POPULATION.slug(), "",
            Licence.CC_BY_4_0.id(), "", "", UpdateFrequency.ANNUAL.name(), "", "", ward.name().ja(), ""), null, true);
    }

    @PostMapping("/new")
    String create(@ModelAttribute CatalogEditor.Draft draft, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) {
        List<CatalogEditor.FieldError> errors = editor.create(draft);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            return form(model, locale, draft, errors, true);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("opendata.staff.created", new Object[] {draft.name().strip()}, locale));
        return "redirect:/staff/opendata/datasets/" + draft.name().strip() + "/upload";
    }

    @GetMapping("/datasets/{name}")
    String edit(@PathVariable String name, Model model, Locale locale) {
        CatalogDataset d = dataset(name);
        model.addAttribute("dataset", d);
        return form(model, locale, CatalogEditor.draftOf(d), null, false);
    }

    @PostMapping("/datasets/{name}")
    String save(@PathVariable String name, @ModelAttribute CatalogEditor.Draft draft, Model model, Locale locale,
                HttpServletResponse response, RedirectAttributes redirect) {
        CatalogDataset d = dataset(name);
        List<CatalogEditor.FieldError> errors = editor.update(d, draft);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("dataset", d);
            return form(model, locale, draft, errors, false);
        }
        redirect.addFlashAttribute("notice", messages.getMessage("opendata.staff.saved", new Object[] {d.title(locale)}, locale));
        return "redirect:/staff/opendata";
    }

    @GetMapping("/datasets/{name}/upload")
    String uploadForm(@PathVariable String name, Model model, Locale locale) {
        return uploadPage(model, locale, uploadable(name), null, 0, null);
    }

    @PostMapping("/datasets/{name}/upload")
    String upload(@PathVariable String name, @RequestParam(value = "file", required = false) MultipartFile file,
                  @RequestParam(required = false) String note, Model model, Locale locale, HttpServletResponse response,
                  RedirectAttributes redirect) throws IOException {
        CatalogDataset d = uploadable(name);
        Layout layout = Layout.byCode(d.layoutCode()).orElseThrow();
        List<ProblemRow> problems = new ArrayList<>();
        int count = 0;
        if (file == null || file.isEmpty()) {
            problems.add(new ProblemRow(0, null, messages.getMessage("opendata.upload.noFile", null, locale)));
        } else if (file.getSize() > UploadService.MAX_BYTES) {
            problems.add(new ProblemRow(0, null, messages.getMessage("opendata.upload.tooLarge",
                new Object[] {UploadService.MAX_BYTES / 1024 / 1024}, locale)));
        } else if (note != null && note.strip().length() > 500) {
            problems.add(new ProblemRow(0, null, messages.getMessage("opendata.error.tooLong",
                new Object[] {messages.getMessage("opendata.staff.field.note", null, locale), 500}, locale)));
        } else {
            Long account = CurrentActor.principal().map(MachiPrincipal::accountId).orElse(null);
            UploadService.Outcome o = uploads.upload(d, layout, file.getOriginalFilename(), file.getBytes(), account, note);
            if (o.ok()) {
                redirect.addFlashAttribute("notice", messages.getMessage("opendata.staff.uploaded",
                    new Object[] {o.version(), o.rows()}, locale));
                return "redirect:/opendata/datasets/" + d.name();
            }
            count = o.problemCount();
            for (UploadService.Problem p : o.problems()) {
                problems.add(new ProblemRow(p.row(), p.column(), messages.getMessage(p.key(), p.args().toArray(), p.key(), locale)));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return uploadPage(model, locale, d, problems, Math.max(count, problems.size()),
            file == null ? null : file.getOriginalFilename());
    }

    private String uploadPage(Model model, Locale locale, CatalogDataset d, List<ProblemRow> problems, int count,
                              String fileName) {
        Layout layout = Layout.byCode(d.layoutCode()).orElseThrow();
        model.addAttribute("dataset", d);
        model.addAttribute("title", d.title(locale));
        model.addAttribute("layout", layout);
        model.addAttribute("layoutTitle", layout.title().in(locale));
        model.addAttribute("problems", problems);
        model.addAttribute("problemCount", count);
        model.addAttribute("moreProblems", Math.max(0, count - (problems == null ? 0 : problems.size())));
        model.addAttribute("fileName", fileName);
        model.addAttribute("maxMegabytes", UploadService.MAX_BYTES / 1024 / 1024);
        return "opendata/staff/upload";
    }

    private CatalogDataset dataset(String name) {
        return catalogs.current().any(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private CatalogDataset uploadable(String name) {
        CatalogDataset d = dataset(name);
        if (d.kind() != CatalogDataset.Kind.UPLOADED || Layout.byCode(d.layoutCode()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return d;
    }

    private String form(Model model, Locale locale, CatalogEditor.Draft draft, List<CatalogEditor.FieldError> errors,
                        boolean creating) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        if (errors != null) {
            for (CatalogEditor.FieldError e : errors) {
                Object[] args = e.args().stream().map(a -> a instanceof String s && s.startsWith("opendata.")
                    ? messages.getMessage(s, null, s, locale) : a).toArray();
                fieldErrors.putIfAbsent(e.field(), messages.getMessage(e.key(), args, e.key(), locale));
            }
        }
        model.addAttribute("draft", draft);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("creating", creating);
        model.addAttribute("layouts", Layout.ALL.stream().map(l -> new Option(l.code(), l.title().in(locale))).toList());
        model.addAttribute("departments", ward.departments().stream().map(d -> new Option(d.code(), d.label(locale))).toList());
        model.addAttribute("categories", java.util.Arrays.stream(DataCategory.values())
            .map(c -> new Option(c.slug(), c.label(locale))).toList());
        model.addAttribute("licences", java.util.Arrays.stream(Licence.values())
            .map(l -> new Option(l.id(), l.title(locale))).toList());
        model.addAttribute("frequencies", java.util.Arrays.stream(UpdateFrequency.values())
            .map(f -> new Option(f.name(), messages.getMessage("opendata.frequency." + f.name(), null, locale))).toList());
        return "opendata/staff/edit";
    }
}
