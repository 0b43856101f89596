package jp.machi.facility.internal.opendata;

import jp.machi.shared.csv.CsvReader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.machi.audit.AuditDetail;
import jp.machi.audit.AuditEvent;
import jp.machi.audit.AuditLog;
import jp.machi.facility.TimeRange;
import jp.machi.facility.internal.opendata.ImportPlan.FieldChange;
import jp.machi.facility.internal.opendata.ImportPlan.Kind;
import jp.machi.facility.internal.opendata.ImportPlan.Problem;
import jp.machi.identity.StaffScope;
import jp.machi.ward.LocalGovernmentCode;
import jp.machi.ward.WardProfile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Import of the standard CSVs: every row is validated, the file is compared with the facility master, the staff
 * member sees what will change and confirms; then everything is written in one transaction, or nothing.
 */
@Service
public class OpenDataImport {

    /** Files larger than this are refused with a message (the servlet limit is higher so the message can be shown). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PROBLEMS = 5000;
    static final Duration UPLOAD_LIFETIME = Duration.ofMinutes(30);
    private static final Pattern FACILITY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");
    private static final Pattern LEGACY_NO = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OpenDataRepository repository;
    private final StaffScope scope;
    private final AuditLog audit;
    private final WardProfile ward;

    OpenDataImport(OpenDataRepository repository, StaffScope scope, AuditLog audit, WardProfile ward) {
        this.repository = repository;
        this.scope = scope;
        this.audit = audit;
        this.ward = ward;
    }

    /** The outcome of an upload: the plan, and the token to confirm it with when it can be applied. */
    public record Prepared(ImportPlan plan, String token) {}

    public record Applied(ImportPlan plan, boolean stale) {}

    /** Checks the file and, when it has no problem, keeps it under a token for the preview and confirmation. */
    @Transactional
    public Prepared prepare(long accountId, Dataset dataset, String departmentCode, String fileName, byte[] content) {
        ImportPlan plan = plan(accountId, dataset, departmentCode, content);
        if (!plan.ok()) {
            return new Prepared(plan, null);
        }
        byte[] t = new byte[24];
        RANDOM.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        String name = fileName == null ? null : fileName.substring(0, Math.min(fileName.length(), 200));
        repository.saveUpload(new OpenDataRepository.Upload(token, accountId, dataset.parameter(), departmentCode, name, content,
            plan.fingerprint()), Instant.now().plus(UPLOAD_LIFETIME));
        return new Prepared(plan, token);
    }

    /** The preview of a kept upload, computed afresh against the master as it is now. */
    @Transactional(readOnly = true)
    public Optional<ImportPlan> preview(long accountId, String token) {
        return repository.upload(token, accountId, false)
            .map(u -> plan(accountId, Dataset.byParameter(u.dataset()).orElseThrow(), u.departmentCode(), u.content()));
    }

    public Optional<String> fileName(long accountId, String token) {
        return repository.upload(token, accountId, false).map(OpenDataRepository.Upload::fileName);
    }

    /**
     * Applies a kept upload in one transaction. If the master changed since the preview (another edit, another
     * import), nothing is written and {@code stale} asks for a fresh look at the preview.
     */
    @Transactional
    public Optional<Applied> apply(long accountId, String token) {
        Optional<OpenDataRepository.Upload> found = repository.upload(token, accountId, true);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OpenDataRepository.Upload u = found.get();
        Dataset dataset = Dataset.byParameter(u.dataset()).orElseThrow();
        Map<String, OpenDataRepository.Snapshot> byId = new HashMap<>();
        ImportPlan plan = plan(accountId, dataset, u.departmentCode(), u.content(), byId);
        if (!plan.ok() || !plan.fingerprint().equals(u.fingerprint())) {
            repository.updateFingerprint(token, plan.fingerprint());
            return Optional.of(new Applied(plan, true));
        }
        write(dataset, u.departmentCode(), plan, byId, parsedRows(dataset, u.content()));
        repository.deleteUpload(token);
        audit.record(AuditEvent.byCurrentActor("facility.import.apply", null, "facility-import:" + dataset.parameter(),
            AuditDetail.of("facility.audit.import", AuditDetail.word("facility.data.dataset." + dataset.parameter()),
                u.fileName(), plan.encoding(), plan.count(Kind.NEW), plan.count(Kind.CHANGED), plan.count(Kind.UNCHANGED))));
        return Optional.of(new Applied(plan, false));
    }

    @Transactional
    public boolean cancel(long accountId, String token) {
        if (repository.upload(token, accountId, true).isEmpty()) {
            return false;
        }
        repository.deleteUpload(token);
        return true;
    }

    // ------------------------------------------------------------------ planning

    /**
     * A row read from the file: its key and its canonical values (only the fields whose columns are present). A
     * {@code weak} key is not an identity the publisher gave (the older layout's row number NO, or the key made from
     * 名称 and 所在地 for a current-layout row with an empty ID): such rows match by name and address first.
     */
    record ParsedRow(int line, String key, boolean weak, Map<Field, String> values, Set<DayOfWeek> days, TimeRange period) {}

    private record Reading(ImportPlan.Problem fileProblem, Dataset.Layout layout, String encoding, List<ParsedRow> rows,
                           List<Problem> problems, List<String> ignored, List<String> notStored, Set<Field> fields) {}

    ImportPlan plan(long accountId, Dataset dataset, String departmentCode, byte[] content) {
        return plan(accountId, dataset, departmentCode, content, new HashMap<>());
    }

    private List<ParsedRow> parsedRows(Dataset dataset, byte[] content) {
        return read(dataset, content).rows();
    }

    private ImportPlan plan(long accountId, Dataset dataset, String departmentCode, byte[] content,
                            Map<String, OpenDataRepository.Snapshot> matched) {
        Reading r = read(dataset, content);
        if (r.fileProblem() != null) {
            return new ImportPlan(dataset, r.layout(), r.encoding(), List.of(r.fileProblem()), List.of(), List.of(), List.of(), "");
        }
        List<Problem> problems = new ArrayList<>(r.problems());
        if (ward.department(departmentCode).isEmpty() || !scope.canSee(accountId, departmentCode)) {
            problems.addFirst(new Problem(0, null, "facility.data.error.department", List.of()));
        }
        List<OpenDataRepository.Snapshot> all = repository.all();
        Map<String, OpenDataRepository.Snapshot> byId = new HashMap<>();
        Map<String, List<OpenDataRepository.Snapshot>> byNameAddress = new HashMap<>();
        for (OpenDataRepository.Snapshot s : all) {
            byId.put(s.id(), s);
            byNameAddress.computeIfAbsent(nameAddress(s.value(Field.NAME), s.value(Field.ADDRESS)), k -> new ArrayList<>()).add(s);
        }
        List<ImportPlan.Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ParsedRow row : r.rows()) {
            OpenDataRepository.Snapshot s = match(row, byId, byNameAddress);
            String id = s == null ? row.key() : s.id();
            Integer earlier = seen.putIfAbsent(id, row.line());
            if (earlier != null) {
                problems.add(new Problem(row.line(), keyColumn(r.layout()), "facility.data.error.duplicate", List.of(earlier)));
                continue;
            }
            if (s == null) {
                if (!FACILITY_ID.matcher(id).matches()) {
                    problems.add(new Problem(row.line(), keyColumn(r.layout()), "facility.data.error.id", List.of()));
                    continue;
                }
                rows.add(new ImportPlan.Row(row.line(), Kind.NEW, id, row.values().get(Field.NAME), List.of()));
                continue;
            }
            if (!scope.canSee(accountId, s.departmentCode())) {
                problems.add(new Problem(row.line(), keyColumn(r.layout()), "facility.data.error.scope", List.of(s.id())));
                continue;
            }
            matched.put(row.key() + "@" + row.line(), s);
            List<FieldChange> changes = diff(dataset, r.layout(), row, s);
            rows.add(new ImportPlan.Row(row.line(), changes.isEmpty() ? Kind.UNCHANGED : Kind.CHANGED, s.id(),
                s.value(Field.NAME), changes));
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        if (problems.size() > MAX_PROBLEMS) {
            int more = problems.size() - MAX_PROBLEMS;
            problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
            problems.add(new Problem(0, null, "facility.data.error.more", List.of(more)));
        }
        return new ImportPlan(dataset, r.layout(), r.encoding(), List.copyOf(problems), problems.isEmpty() ? rows : List.of(),
            r.ignored(), r.notStored(), problems.isEmpty() ? fingerprint(rows) : "");
    }

    private static String keyColumn(Dataset.Layout layout) {
        return layout == Dataset.Layout.CURRENT ? "ID" : "NO";
    }

    private static String nameAddress(String name, String address) {
        return (name == null ? "" : name.replaceAll("\\s", "")) + "\u0000" + (address == null ? "" : address.replaceAll("\\s", ""));
    }

    /**
     * Current layout: the ID is our facility id; else the same name and address. Older layout (NO is only a row
     * number) and current-layout rows with an empty ID (市川市's files leave every ID empty): the same name and address
     * first, else the id a previous import gave it ({@code <dataset>-<NO>}, or {@code <dataset>-<hash of name and
     * address>}).
     */
    private static OpenDataRepository.Snapshot match(ParsedRow row, Map<String, OpenDataRepository.Snapshot> byId,
                                                     Map<String, List<OpenDataRepository.Snapshot>> byNameAddress) {
        OpenDataRepository.Snapshot byKey = byId.get(row.key());
        List<OpenDataRepository.Snapshot> same = byNameAddress.getOrDefault(
            nameAddress(row.values().get(Field.NAME), row.values().get(Field.ADDRESS)), List.of());
        OpenDataRepository.Snapshot byName = same.size() == 1 ? same.getFirst() : null;
        return row.weak() ? (byName != null ? byName : byKey) : (byKey != null ? byKey : byName);
    }

    private List<FieldChange> diff(Dataset dataset, Dataset.Layout layout, ParsedRow row, OpenDataRepository.Snapshot s) {
        List<FieldChange> changes = new ArrayList<>();
        for (var e : row.values().entrySet()) {
            Field f = e.getKey();
            String before = s.value(f);
            if (!java.util.Objects.equals(before, e.getValue())) {
                changes.add(new FieldChange(column(dataset, layout, f), null, Values.display(f, before), Values.display(f, e.getValue())));
            }
        }
        String membership = switch (dataset) {
            case AED -> s.aed() ? null : "facility.data.membership.aed";
            case WIFI -> s.wifi() ? null : "facility.data.membership.wifi";
            case EMERGENCY_SITES -> s.categories().contains("emergency-site") ? null : "facility.data.membership.emergencySite";
            case PUBLIC_FACILITIES -> null;
        };
        if (membership != null) {
            changes.add(new FieldChange(null, membership, "", ""));
        }
        return changes;
    }

    private static String column(Dataset dataset, Dataset.Layout layout, Field f) {
        if (f == Field.WEEKLY_HOURS) {
            return "利用可能曜日・開始時間・終了時間";
        }
        for (String h : dataset.header(layout)) {
            if (Columns.spec(dataset, h).field().orElse(null) == f) {
                return h;
            }
        }
        return f.name();
    }

    private static String fingerprint(List<ImportPlan.Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (ImportPlan.Row r : rows) {
            sb.append(r.kind()).append('\u0001').append(r.id()).append('\u0001').append(r.changes()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ reading

    private Reading read(Dataset dataset, byte[] content) {
        if (content.length > MAX_BYTES) {
            return fileProblem("facility.data.error.tooLarge", MAX_BYTES / 1024 / 1024);
        }
        CsvReader.Decoded decoded = CsvReader.decode(content);
        if (!decoded.ok()) {
            return fileProblem(problemKey(decoded.problem()));
        }
        CsvReader.Parsed parsed = CsvReader.parse(decoded.text());
        if (!parsed.ok()) {
            return new Reading(new Problem(parsed.badLine(), null, problemKey(parsed.problem()), List.of()), null, decoded.encoding(),
                List.of(), List.of(), List.of(), List.of(), Set.of());
        }
        if (parsed.rows().isEmpty()) {
            return fileProblem("facility.data.error.empty");
        }
        List<String> header = parsed.rows().getFirst().cells();
        // each header cell by its canonical name, so other spellings of a column (名称_英語, 利用可能日時特記事項 …) match
        List<String> normalized = header.stream().map(Columns::canonical).toList();
        Dataset.Layout layout;
        if (normalized.contains("全国地方公共団体コード") || normalized.contains("ID")) {
            layout = Dataset.Layout.CURRENT;
        } else if (normalized.contains("NO")) {
            layout = Dataset.Layout.LEGACY;
        } else {
            return new Reading(new Problem(1, null, "facility.data.error.header", List.of(dataset.titleJa())), null,
                decoded.encoding(), List.of(), List.of(), List.of(), List.of(), Set.of());
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> datasetColumns = new LinkedHashSet<>();
        dataset.currentHeader().forEach(h -> datasetColumns.add(Columns.canonical(h)));
        dataset.legacyHeader().forEach(h -> datasetColumns.add(Columns.canonical(h)));
        Set<String> seenColumns = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        List<String> notStored = new ArrayList<>();
        Map<Integer, Columns.Spec> specs = new LinkedHashMap<>();
        Set<Field> fields = java.util.EnumSet.noneOf(Field.class);
        for (int i = 0; i < header.size(); i++) {
            String h = normalized.get(i);
            if (h.isEmpty()) {
                continue;
            }
            if (!seenColumns.add(h)) {
                problems.add(new Problem(1, header.get(i).strip(), "facility.data.error.columnTwice", List.of()));
                continue;
            }
            if (!datasetColumns.contains(h)) {
                ignored.add(header.get(i).strip());
                continue;
            }
            Columns.Spec spec = Columns.spec(dataset, h);
            specs.put(i, spec);
            spec.field().ifPresent(fields::add);
            if (spec.field().isEmpty() && spec.kind() != Columns.Kind.KEY && spec.kind() != Columns.Kind.WARD_CODE
                && spec.kind() != Columns.Kind.LOCATION_CODE && !spec.kind().name().startsWith("ADDRESS_")) {
                notStored.add(header.get(i).strip());
            }
        }
        Set<String> required = new LinkedHashSet<>(dataset.required(layout));
        required.add(keyColumn(layout));
        for (String req : required) {
            if (!seenColumns.contains(Columns.canonical(req))
                && !(req.equals("所在地_連結表記") && seenColumns.contains(Columns.canonical("所在地_町字")))) {
                problems.add(new Problem(1, req, "facility.data.error.columnMissing", List.of(dataset.titleJa())));
            }
        }
        if (!problems.isEmpty()) {
            return new Reading(null, layout, decoded.encoding(), List.of(), problems, ignored, notStored, fields);
        }
        if (specs.keySet().stream().anyMatch(i -> specs.get(i).kind() == Columns.Kind.DAYS)
            != specs.values().stream().anyMatch(s -> s.kind() == Columns.Kind.START)) {
            fields.remove(Field.WEEKLY_HOURS);
        }
        List<ParsedRow> rows = new ArrayList<>();
        Set<String> requiredNormalized = new LinkedHashSet<>();
        required.forEach(x -> requiredNormalized.add(Columns.canonical(x)));
        if (layout == Dataset.Layout.CURRENT) {
            // the ID column must be there (it marks the layout), but real files leave it empty: then 名称 + 所在地 identify
            requiredNormalized.remove("ID");
        }
        for (CsvReader.Row rec : parsed.rows().subList(1, parsed.rows().size())) {
            if (rec.cells().size() != header.size()) {
                problems.add(new Problem(rec.line(), null, "facility.data.error.cellCount", List.of(rec.cells().size(), header.size())));
                continue;
            }
            readRow(dataset, layout, header, normalized, specs, requiredNormalized, fields, rec, problems).ifPresent(rows::add);
        }
        return new Reading(null, layout, decoded.encoding(), rows, problems, ignored, notStored, fields);
    }

    private static String problemKey(CsvReader.Problem p) {
        return switch (p) {
            case EMPTY -> "facility.data.error.empty";
            case BINARY -> "facility.data.error.binary";
            case ENCODING -> "facility.data.error.encoding";
            case QUOTE -> "facility.data.error.quote";
            case UNCLOSED_QUOTE -> "facility.data.error.unclosedQuote";
        };
    }

    private static Reading fileProblem(String key, Object... args) {
        return new Reading(new Problem(0, null, key, List.of(args)), null, null, List.of(), List.of(), List.of(), List.of(), Set.of());
    }

    private Optional<ParsedRow> readRow(Dataset dataset, Dataset.Layout layout, List<String> header, List<String> normalized,
                                        Map<Integer, Columns.Spec> specs, Set<String> required, Set<Field> fields,
                                        CsvReader.Row rec, List<Problem> problems) {
        int before = problems.size();
        int line = rec.line();
        Map<Field, String> values = new EnumMap<>(Field.class);
        String key = null;
        String days = null;
        String start = null;
        String end = null;
        String startColumn = "開始時間";
        String endColumn = "終了時間";
        String[] parts = new String[4];
        for (var e : specs.entrySet()) {
            int i = e.getKey();
            Columns.Spec spec = e.getValue();
            String column = header.get(i).strip();
            String raw = rec.cells().get(i);
            String v = Values.blankToNull(raw);
            if (v == null && required.contains(normalized.get(i)) && spec.kind() != Columns.Kind.FIELD
                || v == null && required.contains(normalized.get(i)) && spec.field0() != null && spec.field0().type != Field.Type.FLAG) {
                problems.add(new Problem(line, column, "facility.data.error.required", List.of()));
                continue;
            }
            switch (spec.kind()) {
                case KEY -> {
                    if (v == null) {
                        break;
                    }
                    if (layout == Dataset.Layout.CURRENT) {
                        if (!FACILITY_ID.matcher(v).matches()) {
                            problems.add(new Problem(line, column, "facility.data.error.id", List.of()));
                        }
                        key = v;
                    } else {
                        String no = Values.half(v);
                        if (!LEGACY_NO.matcher(no).matches()) {
                            problems.add(new Problem(line, column, "facility.data.error.no", List.of()));
                        }
                        key = dataset.parameter() + "-" + no;
                    }
                }
                case WARD_CODE -> {
                    if (v != null) {
                        checkWardCode(layout, Values.half(v), line, column, problems);
                    }
                }
                case LOCATION_CODE -> {
                    if (v != null && !LocalGovernmentCode.isValid(Values.half(v))) {
                        problems.add(new Problem(line, column, "facility.data.error.code", List.of()));
                    }
                }
                case ADDRESS_PREFECTURE -> parts[0] = v;
                case ADDRESS_CITY -> parts[1] = v;
                case ADDRESS_TOWN -> parts[2] = v;
                case ADDRESS_BLOCK -> parts[3] = v;
                case DAYS -> days = v;
                case START -> {
                    start = v;
                    startColumn = column;
                }
                case END -> {
                    end = v;
                    endColumn = column;
                }
                case NUMBER_NOT_STORED -> {
                    if (v != null && !Values.isNumber(v)) {
                        problems.add(new Problem(line, column, "facility.data.error.number", List.of()));
                    }
                }
                case URL_NOT_STORED -> {
                    if (v != null && !Values.isUrl(v)) {
                        problems.add(new Problem(line, column, "facility.data.error.url", List.of()));
                    }
                }
                case FIELD -> {
                    Values.Result result = Values.parse(spec.field0(), raw);
                    if (result.problem() != null) {
                        problems.add(new Problem(line, column, result.problem().key(), List.of(result.problem().args())));
                    } else {
                        values.put(spec.field0(), result.value());
                    }
                }
                default -> { }
            }
        }
        if (values.get(Field.ADDRESS) == null && (parts[0] != null || parts[2] != null)) {
            StringBuilder joined = new StringBuilder();
            for (String p : parts) {
                if (p != null) {
                    joined.append(p);
                }
            }
            values.put(Field.ADDRESS, joined.toString());
        }
        if (required.contains(Columns.canonical("所在地_連結表記")) && values.get(Field.ADDRESS) == null
            && problems.stream().skip(before).noneMatch(p -> "所在地_連結表記".equals(p.column()))) {
            problems.add(new Problem(line, "所在地_連結表記", "facility.data.error.required", List.of()));
        }
        if (values.containsKey(Field.LAT) && values.containsKey(Field.LON)
            && (values.get(Field.LAT) == null) != (values.get(Field.LON) == null)) {
            problems.add(new Problem(line, values.get(Field.LAT) == null ? "緯度" : "経度", "facility.data.error.coordinatePair", List.of()));
        }
        Set<DayOfWeek> daySet = null;
        TimeRange period = null;
        if (fields.contains(Field.WEEKLY_HOURS)) {
            LocalTime opens = null;
            LocalTime closes = null;
            boolean timesOk = true;
            try {
                opens = Values.time(start);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(line, startColumn, "facility.data.error.time", List.of()));
                timesOk = false;
            }
            try {
                closes = Values.time(end);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(line, endColumn, "facility.data.error.time", List.of()));
                timesOk = false;
            }
            if (days != null) {
                try {
                    daySet = Values.days(days);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(line, "利用可能曜日", "facility.data.error.days", List.of()));
                }
            }
            if (timesOk) {
                if ((opens == null) != (closes == null)) {
                    problems.add(new Problem(line, opens == null ? startColumn : endColumn, "facility.data.error.timePair", List.of()));
                } else if (opens != null && !opens.isBefore(closes)) {
                    problems.add(new Problem(line, endColumn, "facility.data.error.timeOrder", List.of()));
                } else if (opens != null && days == null) {
                    problems.add(new Problem(line, "利用可能曜日", "facility.data.error.daysMissing", List.of()));
                } else if (opens == null && days != null) {
                    problems.add(new Problem(line, startColumn, "facility.data.error.timesMissing", List.of()));
                }
            }
            if (problems.size() == before) {
                period = opens == null ? null : new TimeRange(opens, closes);
                values.put(Field.WEEKLY_HOURS, period == null ? null : Values.weekly(daySet, opens, closes));
            }
        }
        boolean weak = layout == Dataset.Layout.LEGACY;
        if (key == null && layout == Dataset.Layout.CURRENT && problems.size() == before) {
            key = derivedKey(dataset, values.get(Field.NAME), values.get(Field.ADDRESS));
            weak = true;
        }
        if (problems.size() > before || key == null) {
            return Optional.empty();
        }
        return Optional.of(new ParsedRow(line, key, weak, values, daySet, period));
    }

    /**
     * The id of a facility first imported from a row with an empty ID: the dataset and a hash of its name and address,
     * so importing the same row again finds the same facility even when it no longer matches by name and address alone.
     */
    private static String derivedKey(Dataset dataset, String name, String address) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(nameAddress(name, address).getBytes(StandardCharsets.UTF_8));
            return dataset.parameter() + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ward's code: six digits with a valid check digit; the older layout's five-digit form is accepted too. */
    private void checkWardCode(Dataset.Layout layout, String v, int line, String column, List<Problem> problems) {
        if (layout == Dataset.Layout.LEGACY && v.length() == 5 && v.matches("\\d{5}")) {
            if (!ward.code().startsWith(v)) {
                problems.add(new Problem(line, column, "facility.data.error.otherWard", List.of(ward.code())));
            }
            return;
        }
        if (!v.matches("\\d{6}")) {
            problems.add(new Problem(line, column, "facility.data.error.codeFormat", List.of()));
        } else if (!LocalGovernmentCode.isValid(v)) {
            problems.add(new Problem(line, column, "facility.data.error.checkDigit",
                List.of(v.substring(0, 5) + LocalGovernmentCode.checkDigit(v.substring(0, 5)))));
        } else if (!v.equals(ward.code())) {
            problems.add(new Problem(line, column, "facility.data.error.otherWard", List.of(ward.code())));
        }
    }

    // ------------------------------------------------------------------ writing

    private void write(Dataset dataset, String departmentCode, ImportPlan plan, Map<String, OpenDataRepository.Snapshot> matched,
                       List<ParsedRow> parsed) {
        Map<Integer, ParsedRow> byLine = new HashMap<>();
        parsed.forEach(p -> byLine.put(p.line(), p));
        for (ImportPlan.Row row : plan.rows()) {
            if (row.kind() == Kind.UNCHANGED) {
                continue;
            }
            ParsedRow p = byLine.get(row.line());
            Map<Field, String> values = new EnumMap<>(p.values());
            List<String> changed = new ArrayList<>();
            if (row.kind() == Kind.NEW) {
                repository.insert(row.id(), values.get(Field.NAME), departmentCode, "import:" + dataset.parameter());
                String category = dataset == Dataset.EMERGENCY_SITES ? "emergency-site" : "other";
                if (repository.categoryExists(category)) {
                    repository.addCategory(row.id(), category);
                }
                changed.add("new");
            } else {
                OpenDataRepository.Snapshot s = matched.get(p.key() + "@" + p.line());
                values.entrySet().removeIf(e -> java.util.Objects.equals(s.value(e.getKey()), e.getValue()));
                values.keySet().forEach(f -> changed.add(f.name()));
            }
            repository.write(row.id(), values);
            if (values.containsKey(Field.ALSO_SHELTER)) {
                if (Boolean.parseBoolean(values.get(Field.ALSO_SHELTER))) {
                    repository.addCategory(row.id(), "shelter");
                } else {
                    repository.removeCategory(row.id(), "shelter");
                }
            }
            if (values.containsKey(Field.WEEKLY_HOURS)) {
                if (p.period() == null) {
                    repository.clearWeekly(row.id());
                } else {
                    repository.replaceWeekly(row.id(), p.days(), p.period());
                }
            }
            switch (dataset) {
                case AED -> repository.setFlag(row.id(), "aed", true);
                case WIFI -> repository.setFlag(row.id(), "wifi", true);
                case EMERGENCY_SITES -> repository.addCategory(row.id(), "emergency-site");
                case PUBLIC_FACILITIES -> { }
            }
            audit.record(AuditEvent.byCurrentActor(row.kind() == Kind.NEW ? "facility.facility.create" : "facility.facility.update",
                null, "facility:" + row.id(), row.kind() == Kind.NEW
                    ? AuditDetail.of("facility.audit.import.row.new", AuditDetail.word("facility.data.dataset." + dataset.parameter()), row.line())
                    : AuditDetail.of("facility.audit.import.row.changed", AuditDetail.word("facility.data.dataset." + dataset.parameter()),
                        row.line(), changed.size())));
        }
    }
}
