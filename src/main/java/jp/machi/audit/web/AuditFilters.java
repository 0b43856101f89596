package jp.machi.audit.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import jp.machi.audit.AuditDetail;
import java.util.Map;
import jp.machi.audit.internal.AuditQuery;
import jp.machi.audit.internal.AuditSearch;
import jp.machi.shared.time.MachiClock;

/** Checks the search form and turns it into a query; every problem becomes a message for one field. */
final class AuditFilters {

    /** The filter fields in form order; also their element ids. */
    static final List<String> FIELDS = List.of("action", "actor", "subject", "from", "to", "text");

    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d")
        .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-M-d")
        .withResolverStyle(ResolverStyle.STRICT);

    record FieldError(String field, String messageKey) {}

    record Parsed(AuditQuery query, int page, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }

        /** Field id to message key, for the messages next to the fields. */
        Map<String, String> errorsByField() {
            Map<String, String> map = new LinkedHashMap<>();
            errors.forEach(e -> map.putIfAbsent(e.field(), e.messageKey()));
            return map;
        }
    }

    private AuditFilters() {}

    static Parsed parse(AuditSearchForm form) {
        List<FieldError> errors = new ArrayList<>();

        String action = form.value("action");
        if (action.length() > 100) {
            errors.add(new FieldError("action", "audit.error.action.long"));
        }

        String actor = form.value("actor");
        Long actorId = null;
        String actorLabel = null;
        if (!actor.isEmpty()) {
            if (actor.chars().allMatch(c -> c >= '0' && c <= '9')) {
                actorId = number(actor);
                if (actorId == null) {
                    errors.add(new FieldError("actor", "audit.error.actor.number"));
                }
            } else if (actor.length() > 254) {
                errors.add(new FieldError("actor", "audit.error.actor.long"));
            } else {
                actorLabel = actor;
            }
        }

        String subject = form.value("subject");
        Long subjectId = null;
        if (!subject.isEmpty()) {
            subjectId = subject.chars().allMatch(c -> c >= '0' && c <= '9') ? number(subject) : null;
            if (subjectId == null) {
                errors.add(new FieldError("subject", "audit.error.subject"));
            }
        }

        LocalDate from = date(form.value("from"), "from", "audit.error.from", errors);
        LocalDate to = date(form.value("to"), "to", "audit.error.to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("to", "audit.error.range"));
        }

        String text = form.value("text");
        if (text.length() > 200) {
            errors.add(new FieldError("text", "audit.error.text.long"));
        }

        int page = 1;
        String p = form.value("page");
        if (!p.isEmpty() && p.length() <= 9 && p.chars().allMatch(c -> c >= '0' && c <= '9')) {
            page = Math.clamp(Integer.parseInt(p), 1, AuditSearch.MAX_PAGE);
        }

        AuditQuery query = new AuditQuery(action.isEmpty() ? null : action, actorId, actorLabel, subjectId,
            from == null ? null : from.atStartOfDay(MachiClock.ZONE).toInstant(),
            to == null ? null : to.plusDays(1).atStartOfDay(MachiClock.ZONE).toInstant(),
            text.isEmpty() ? null : text);
        return new Parsed(query, page, List.copyOf(errors));
    }

    /** The filters as typed, for the audit entry that records a search or export. */
    static AuditDetail describe(String key, AuditSearchForm form, java.util.function.Predicate<String> namedAction,
                                Object... more) {
        List<Object> args = new ArrayList<>();
        for (String field : FIELDS) {
            String v = form.value(field);
            // an action typed in full is recorded as its name; a beginning (identity.login) as typed
            args.add(v.isEmpty() ? AuditDetail.word("audit.detail.any")
                : "action".equals(field) && namedAction.test(v) ? AuditDetail.word("audit.action." + v) : v);
        }
        args.addAll(Arrays.asList(more));
        return new AuditDetail(key, args);
    }

    /** The path with the same filters as query parameters, and the page when not null. */
    static String link(String path, AuditSearchForm form, Integer page) {
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (String field : FIELDS) {
            String v = form.value(field);
            if (!v.isEmpty()) {
                sb.append(sep).append(field).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        if (page != null) {
            sb.append(sep).append("page=").append(page);
        }
        return sb.toString();
    }

    private static Long number(String digits) {
        if (digits.length() > 18) {
            return null;
        }
        long n = Long.parseLong(digits);
        return n > 0 ? n : null;
    }

    private static LocalDate date(String value, String field, String key, List<FieldError> errors) {
        if (value.isEmpty()) {
            return null;
        }
        for (DateTimeFormatter f : List.of(DASHED, SLASHED)) {
            try {
                LocalDate d = LocalDate.parse(value, f);
                if (d.getYear() >= 2000 && d.getYear() <= 9998) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        errors.add(new FieldError(field, key));
        return null;
    }
}
