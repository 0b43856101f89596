package jp.machi.notification.internal;

import java.util.List;

/**
 * One thing wrong with an input: the field (form field and API parameter), a message key and its arguments.
 */
public record Problem(String field, String key, List<Object> args) {

    public static Problem of(String field, String key, Object... args) {
        return new Problem(field, key, List.of(args));
    }

    /** Thrown by a service when an input is refused; nothing was written. */
    public static final class Rejected extends RuntimeException {
        private final List<Problem> problems;

        public Rejected(List<Problem> problems) {
            super(problems.toString(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public Rejected(Problem problem) {
            this(List.of(problem));
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** Thrown when the person may not do this (not a sender, not on duty, not the list's staff ...). */
    public static final class Forbidden extends RuntimeException {
        private final String key;

        public Forbidden(String key) {
            super(key, null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
