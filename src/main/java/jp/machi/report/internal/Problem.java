package jp.machi.report.internal;

import java.util.List;

/** One thing wrong with input: the field (form field / API parameter), a message key and its arguments. */
public record Problem(String field, String key, List<Object> args) implements java.io.Serializable {

    public static Problem of(String field, String key, Object... args) {
        return new Problem(field, key, List.of(args));
    }

    public Object[] argArray() {
        return args.toArray();
    }
}
