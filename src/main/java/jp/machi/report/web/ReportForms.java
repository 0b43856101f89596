package jp.machi.report.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.report.internal.Category;
import jp.machi.report.internal.Problem;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;

/** Small helpers shared by the resident pages and the JSON API. */
public final class ReportForms {

    private ReportForms() {}

    /** {@code attribute[code]} and {@code attribute[code][]} parameters → code → values. */
    public static Map<String, List<String>> answers(MultiValueMap<String, String> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith("attribute[") && (name.endsWith("]") )) {
                String code = name.substring("attribute[".length(), name.indexOf(']'));
                if (!code.isEmpty()) {
                    out.computeIfAbsent(code, k -> new java.util.ArrayList<>()).addAll(values);
                }
            }
        });
        return out;
    }

    /** Messages for problems, keyed by field, in the order found. */
    public static Map<String, String> messages(List<Problem> problems, MessageSource messages, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Problem p : problems) {
            out.putIfAbsent(p.field(), messages.getMessage(p.key(), localized(p, locale), p.key(), locale));
        }
        return out;
    }

    /** Attribute problems carry the ja and en descriptions: pass the one of the locale as {0}. */
    static Object[] localized(Problem p, Locale locale) {
        if (p.key().startsWith("report.attribute.") && p.args().size() == 2) {
            return new Object[] {"en".equals(locale.getLanguage()) ? p.args().get(1) : p.args().get(0)};
        }
        return p.argArray();
    }

    /** A readable label for each answer (list keys become their names). */
    public static Map<String, List<String>> labels(Category c, Map<String, List<String>> answers, Locale locale) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Category.Attribute a : c.attributes()) {
            List<String> values = answers.getOrDefault(a.code(), List.of()).stream().filter(v -> v != null && !v.isBlank())
                .map(v -> a.isList() ? a.value(v).map(x -> x.name(locale)).orElse(v) : v).toList();
            if (!values.isEmpty()) {
                out.put(a.description(locale), values);
            }
        }
        return out;
    }
}
