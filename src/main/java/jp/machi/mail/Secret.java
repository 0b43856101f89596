package jp.machi.mail;

import java.util.Objects;

/**
 * A value in a mail that only the recipient may read: a one-time link (password reset, invitation, e-mail
 * verification, unsubscribe) or a code. A sender wraps it in the model it gives to {@link Mailer#send}:
 *
 * <pre>{@code mailer.send(to, "identity/reset-password", locale, Map.of("url", Secret.of(link), ...));}</pre>
 *
 * The template uses it like any other variable ({@code [(${url})]}). The mail that goes out carries the value;
 * the copy the outbox keeps for staff carries a note in its place, so no staff view ever receives it. The value
 * itself is kept only as long as delivery needs it (a queued mail until it is sent) — and, in demo mode without
 * SMTP, for recipients at the demo domain, so a newcomer can finish the demo's sign-up.
 *
 * <p>{@link #toString()} never shows the value, so a secret that ends up in a log or a page by mistake stays
 * hidden.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
