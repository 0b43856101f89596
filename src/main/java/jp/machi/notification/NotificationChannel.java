package jp.machi.notification;

/**
 * The port for channels other than mail — LINE, Web Push, SMS. <strong>No implementation exists</strong> and none is
 * faked: a deployment that contracts a provider declares one bean of this type per channel, and until one is declared
 * residents are offered mail only (the API refuses any other {@code channel}).
 *
 * <p>The contract a provider adapter follows (see docs/modules/notification.md, "Channels"): a subscription on the
 * channel stores the channel's address ({@link #validAddress}); the delivery worker of the notice's lane hands each
 * message to {@link #send} instead of SMTP, with the same lanes, claims, retries and records as mail, and maps the
 * outcome: {@link Outcome#DELIVERED} → SENT, {@link Outcome#RETRY} → queued again with back-off,
 * {@link Outcome#REFUSED} → BOUNCED and the address suppressed for the channel. The adapter must be idempotent per
 * {@link Message#id} (a batch can be handed over twice after a crash).
 */
public interface NotificationChannel {

    /** {@code LINE}, {@code WEB_PUSH} or {@code SMS}. */
    String code();

    /** True when the text is an address of this channel (a LINE user id, a push subscription, an E.164 number). */
    boolean validAddress(String address);

    /** Hands one message to the provider. */
    Outcome send(Message message);

    /**
     * One message to one address.
     *
     * @param id       stable per delivery (the same on every attempt)
     * @param address  the channel's address
     * @param language ja or en
     * @param title    the notice's title (SMS: ignored)
     * @param text     the text, already cut to the channel's limit
     * @param link     the notice's public page or the personal notice's link, or null
     * @param stopLink where the person stops this (one-click where the channel allows)
     */
    record Message(String id, String address, String language, String title, String text, String link, String stopLink) {}

    /** What became of a message. */
    enum Outcome { DELIVERED, RETRY, REFUSED }
}
