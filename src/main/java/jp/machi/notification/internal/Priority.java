package jp.machi.notification.internal;

import java.util.Locale;
import java.util.Optional;

/** A notice's priority: emergency (at once, own lane), normal, bulk (newsletters; their own, slower lane). */
public enum Priority {
    EMERGENCY, NORMAL, BULK;

    public static Optional<Priority> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String api() {
        return name().toLowerCase(Locale.ROOT);
    }
}
