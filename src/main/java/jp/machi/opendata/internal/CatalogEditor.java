package jp.machi.opendata.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.opendata.DataCategory;
import jp.machi.opendata.UpdateFrequency;
import jp.machi.shared.text.LocalizedText;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff edit the catalog: the texts, licence and coverage of any dataset, and new datasets to upload files to. */
@Service
public class CatalogEditor {

    /** What staff type; every field as text, checked here. */
    public record Draft(String name, String layout, String titleJa, String titleEn, String descriptionJa,
                        String descriptionEn, String department, String category, String tags, String licence,
                        String attributionJa, String attributionEn, String frequency, String temporalStart,
                        String temporalEnd, String spatial, String contactEmail) {}

    /** A problem with a field: the field, a message key and its arguments (field labels as message keys). */
    public record FieldError(String field, String key, List<Object> args) {}

    private final CatalogRepository repository;
    private final WardProfile ward;
    private final AuditLog audit;
    private final Clock clock;

    CatalogEditor(CatalogRepository repository, WardProfile ward, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.ward = ward;
        this.audit = audit;
        this.clock = clock;
    }

    /** A draft with the dataset's current values. */
    public static Draft draftOf(CatalogDataset d) {
        return new Draft(d.name(), d.layoutCode(), d.title().ja(), d.title().en(), d.description().ja(),
            d.description().en(), d.departmentCode(), d.category().slug(), String.join(", ", d.tags()), d.licence().id(),
            d.attribution().ja(), d.attribution().en(), d.frequency().name(),
            d.temporalStart() == null ? "" : d.temporalStart().toString(),
            d.temporalEnd() == null ? "" : d.temporalEnd().toString(), d.spatial(), d.contactEmail());
    }

    private record Checked(LocalizedText title, LocalizedText description, String department, DataCategory category,
                           List<String> tags, Licence licence, LocalizedText attribution, UpdateFrequency frequency,
                           LocalDate start, LocalDate end, String spatial, String email) {}

    private Checked check(Draft d, List<FieldError> errors) {
        String titleJa = text(d.titleJa(), "titleJa", 200, true, errors);
        String titleEn = text(d.titleEn(), "titleEn", 200, false, errors);
        String descJa = text(d.descriptionJa(), "descriptionJa", 4000, true, errors);
        String descEn = text(d.descriptionEn(), "descriptionEn", 4000, false, errors);
        String dept = d.department() == null ? null : d.department().strip();
        if (dept == null || ward.department(dept).isEmpty()) {
            errors.add(new FieldError("department", "opendata.error.choice", List.of("opendata.staff.field.department")));
        }
        DataCategory cat = d.category() == null ? null : DataCategory.bySlug(d.category().strip()).orElse(null);
        if (cat == null) {
            errors.add(new FieldError("category", "opendata.error.choice", List.of("opendata.staff.field.category")));
        }
        Licence lic = d.licence() == null ? null : Licence.byId(d.licence().strip()).orElse(null);
        if (lic == null) {
            errors.add(new FieldError("licence", "opendata.error.choice", List.of("opendata.staff.field.licence")));
        }
        UpdateFrequency freq = CatalogService.frequencyOf(d.frequency() == null ? null : d.frequency().strip());
        if (freq == null) {
            errors.add(new FieldError("frequency", "opendata.error.choice", List.of("opendata.staff.field.frequency")));
        }
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(java.util.Arrays.stream(
                (d.tags() == null ? "" : d.tags()).split("[,、，]")).map(String::strip).filter(t -> !t.isEmpty()).toList()));
        if (tags.size() > 20 || tags.stream().anyMatch(t -> t.length() > 50 || t.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("tags", "opendata.error.tags", List.of()));
        }
        String attJa = text(d.attributionJa(), "attributionJa", 1000, false, errors);
        String attEn = text(d.attributionEn(), "attributionEn", 1000, false, errors);
        LocalDate start = date(d.temporalStart(), "temporalStart", errors);
        LocalDate end = date(d.temporalEnd(), "temporalEnd", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new FieldError("temporalEnd", "opendata.error.dateOrder", List.of()));
        }
        String spatial = text(d.spatial(), "spatial", 200, false, errors);
        String email = text(d.contactEmail(), "contactEmail", 320, false, errors);
        if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new FieldError("contactEmail", "opendata.error.email", List.of()));
        }
        return new Checked(new LocalizedText(titleJa, titleEn), new LocalizedText(descJa, descEn), dept, cat, tags, lic,
            new LocalizedText(attJa, attEn), freq, start, end, spatial, email);
    }

    private static String text(String v, String field, int max, boolean required, List<FieldError> errors) {
        String s = v == null ? "" : v.strip().replace("\r\n", "\n");
        if (s.chars().anyMatch(c -> c == 0 || (Character.isISOControl(c) && c != '\n' && c != '\t'))) {
            s = s.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "");
        }
        if (required && s.isEmpty()) {
            errors.add(new FieldError(field, "opendata.error.required", List.of("opendata.staff.field." + field)));
        } else if (s.length() > max) {
            errors.add(new FieldError(field, "opendata.error.tooLong", List.of("opendata.staff.field." + field, max)));
        }
        return s;
    }

    private static LocalDate date(String v, String field, List<FieldError> errors) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "opendata.error.date", List.of("opendata.staff.field." + field)));
            return null;
        }
    }

    /** Saves the texts of a dataset; the problems when the draft is not valid (nothing saved then). */
    @Transactional
    public List<FieldError> update(CatalogDataset d, Draft draft) {
        List<FieldError> errors = new ArrayList<>();
        Checked c = check(draft, errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        repository.updateMetadata(d.id(), c.title(), c.description(), c.department(), c.category(), c.tags(), c.licence(),
            c.attribution(), c.frequency(), c.start(), c.end(), c.spatial(), c.email(), clock.instant());
        audit.record(AuditEvent.byCurrentActor("opendata.dataset.update", null, "opendata:" + d.name(),
            changes(CatalogEditor.draftOf(d), draft)));
        return List.of();
    }

    /** Creates a dataset that staff upload files to; the problems when the draft is not valid. */
    @Transactional
    public List<FieldError> create(Draft draft) {
        List<FieldError> errors = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (!name.matches("[a-z0-9][a-z0-9-]{1,99}")) {
            errors.add(new FieldError("name", "opendata.error.name", List.of()));
        } else if (repository.byName(name).isPresent()) {
            errors.add(new FieldError("name", "opendata.error.nameTaken", List.of()));
        }
        Layout layout = draft.layout() == null ? null : Layout.byCode(draft.layout().strip()).orElse(null);
        if (layout == null) {
            errors.add(new FieldError("layout", "opendata.error.choice", List.of("opendata.staff.field.layout")));
        }
        Checked c = check(draft, errors);
        if (!errors.isEmpty()) {
            return errors;
        }
        insertUploaded(name, layout, c.title(), c.description(), c.department(), c.category(), c.tags(), c.licence(),
            c.attribution(), c.frequency(), c.start(), c.end(), c.spatial(), c.email(), false);
        audit.record(AuditEvent.byCurrentActor("opendata.dataset.create", null, "opendata:" + name,
            AuditDetail.of("opendata.audit.dataset.create", AuditDetail.named(layout.title().ja(), layout.title().en()))));
        return List.of();
    }

    /** Inserts an uploaded dataset (also the demo's); false when the name was taken. */
    boolean insertUploaded(String name, Layout layout, LocalizedText title, LocalizedText description, String department,
                           DataCategory category, List<String> tags, Licence licence, LocalizedText attribution,
                           UpdateFrequency frequency, LocalDate start, LocalDate end, String spatial, String email,
                           boolean generated) {
        Instant now = clock.instant();
        String slug = name.replace('-', '_');
        return repository.insertIfAbsent(new CatalogRepository.Row(UUID.randomUUID(), name, CatalogDataset.Kind.UPLOADED,
            slug, layout.standardNumber(), layout.code(), title, description, department, category, tags, licence,
            attribution, frequency, start, end, spatial == null || spatial.isBlank() ? ward.name().ja() : spatial,
            email == null || email.isBlank() ? ward.department(department).map(WardProfile.Department::email).orElse("") : email,
            generated, now, now));
    }

    private static AuditDetail changes(Draft before, Draft after) {
        Map<String, String> b = fields(before);
        Map<String, String> a = fields(after);
        List<String> changed = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!java.util.Objects.equals(nz(b.get(k)).strip(), nz(v).strip())) {
                changed.add(k);
            }
        });
        return changed.isEmpty() ? AuditDetail.of("opendata.audit.dataset.unchanged")
            : AuditDetail.of("opendata.audit.dataset.changed", AuditDetail.words("opendata.staff.field.", changed));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> fields(Draft d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("titleJa", d.titleJa());
        m.put("titleEn", d.titleEn());
        m.put("descriptionJa", d.descriptionJa());
        m.put("descriptionEn", d.descriptionEn());
        m.put("department", d.department());
        m.put("category", d.category());
        m.put("tags", d.tags());
        m.put("licence", d.licence());
        m.put("attributionJa", d.attributionJa());
        m.put("attributionEn", d.attributionEn());
        m.put("frequency", d.frequency());
        m.put("temporalStart", d.temporalStart());
        m.put("temporalEnd", d.temporalEnd());
        m.put("spatial", d.spatial());
        m.put("contactEmail", d.contactEmail());
        return m;
    }
}
