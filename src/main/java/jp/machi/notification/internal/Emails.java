package jp.machi.notification.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks and normalises an e-mail address the way every form and the API of this module do. */
public final class Emails {

    private static final Pattern ADDRESS = Pattern.compile(
        "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Emails() {}

    /** The address, trimmed and lower-cased, when it is one (at most 254 characters); otherwise empty. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > 254 || !ADDRESS.matcher(s).matches() || s.startsWith(".") || s.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(s.toLowerCase(Locale.ROOT));
    }
}
