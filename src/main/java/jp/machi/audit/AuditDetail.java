package jp.machi.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What an audit entry says, as a message key and its arguments, so that the audit page can say it in the auditor's
 * language. The module that records the entry names the key in its own bundle ({@code <module>.audit.<what>}, in
 * Japanese and English); the English text is written from the English bundle at the time of recording, stored beside
 * the key and exported in the CSV.
 *
 * <p>An argument is shown as it was recorded (a name someone typed, a number, a date), unless it is a
 * {@link #word word} (a message key of its own: a status, a role, a kind of thing — never shown as its code), a
 * {@link #words list of words}, or a {@link #named name in both languages} (a facility's 名称 and English name) or a {@link #department department}.
 *
 * @param key  the message key of the sentence
 * @param args its arguments, {@code {0}}, {@code {1}} …: String, Number, {@link Word}, {@link Words} or {@link Named}
 */
public record AuditDetail(String key, List<Object> args) {

    public AuditDetail {
        Objects.requireNonNull(key, "key");
        List<Object> copy = new ArrayList<>(args == null ? List.of() : args);
        for (int i = 0; i < copy.size(); i++) {
            Object a = copy.get(i);
            if (a == null) {
                copy.set(i, "");
            } else if (a instanceof Number n) {
                copy.set(i, n instanceof Integer || n instanceof Short || n instanceof Byte ? n.longValue() : n);
            } else if (!(a instanceof String || a instanceof Long || a instanceof Number || a instanceof Word
                || a instanceof Words || a instanceof Named || a instanceof Departments)) {
                copy.set(i, a.toString());
            }
        }
        args = List.copyOf(copy);
    }

    /** The sentence {@code key} with these arguments. */
    public static AuditDetail of(String key, Object... args) {
        return new AuditDetail(key, Arrays.asList(args));
    }

    /** An argument that is a message key of its own, e.g. {@code report.status.in_progress}. */
    public static Word word(String key) {
        return new Word(key);
    }

    /** An argument that is a list of message keys, shown joined in the auditor's language (「、」 or ", "). */
    public static Words words(String prefix, Collection<?> codes) {
        return new Words(codes.stream().map(c -> prefix + c).sorted().toList());
    }

    /** An argument that is a name in Japanese and (when there is one) in English. */
    public static Named named(String ja, String en) {
        return new Named(ja == null ? "" : ja, en == null || en.isBlank() ? null : en);
    }

    /** An argument that is a department (部・課) of the ward, by its code: shown as the ward profile names it. */
    public static Departments department(String code) {
        return new Departments(List.of(code == null ? "" : code));
    }

    /** An argument that is a list of departments, by their codes ("none" when empty). */
    public static Departments departments(Collection<String> codes) {
        return new Departments(codes.stream().sorted().toList());
    }

    /** A message key used as an argument. */
    public record Word(String key) {}

    /** Message keys used as one argument. */
    public record Words(List<String> keys) {}

    /** Departments' codes, shown by their names in the ward profile. */
    public record Departments(List<String> codes) {}

    /** A name in Japanese and English (null when it has none: the Japanese name is shown). */
    public record Named(String ja, String en) {}
}
