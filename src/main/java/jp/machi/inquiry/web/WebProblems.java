package jp.machi.inquiry.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.machi.inquiry.internal.Problem;
import org.springframework.context.MessageSource;

/** Problems as the pages show them: field → message in the person's language (the first per field). */
public final class WebProblems {

    private WebProblems() {}

    /** Department code → "division name" in the person's language, for tables. */
    public static Map<String, String> departmentLabels(jp.machi.ward.WardProfile ward, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        ward.departments().forEach(d -> out.put(d.code(), d.label(locale)));
        return out;
    }

    public static Map<String, String> messages(List<Problem> problems, MessageSource messages, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Problem p : problems) {
            out.putIfAbsent(p.field(), messages.getMessage(p.messageKey(), p.args(), locale));
        }
        return out;
    }
}
