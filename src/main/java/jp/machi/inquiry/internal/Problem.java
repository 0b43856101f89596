package jp.machi.inquiry.internal;

/** One thing wrong with a form: the field and a message key of the inquiry bundle with its arguments. */
public record Problem(String field, String messageKey, Object... args) {

    public static Problem of(String field, String messageKey, Object... args) {
        return new Problem(field, messageKey, args);
    }
}
