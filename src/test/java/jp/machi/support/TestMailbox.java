package jp.machi.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The test JVM's one SMTP server: GreenMail on 127.0.0.1 and a port free when the JVM started (so two test runs
 * on one machine do not collide), where the test profile sends mail ({@link PortInitializer}). All test
 * classes share it (as they share the Spring context), so it is started once, on first use, and runs until
 * the JVM exits. Mail sent before it started stays QUEUED in the outbox and arrives with the next retry.
 *
 * <p>Tests share the mailbox: give each test its own recipient address (e.g. with a random part) and read
 * mail by address rather than counting all mail.
 *
 * <pre>{@code
 * TestMailbox.start();
 * ... register with "alice-" + UUID.randomUUID() + "@example.com" ...
 * MimeMessage mail = TestMailbox.awaitMailTo(address);
 * String link = TestMailbox.firstLink(TestMailbox.text(mail));
 * }</pre>
 */
public final class TestMailbox {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = freePort();
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static GreenMail server;

    private TestMailbox() {}

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test SMTP server", e);
        }
    }

    /** Points the application's mail sender at this JVM's test SMTP port. */
    public static final class PortInitializer
        implements org.springframework.context.ApplicationContextInitializer<org.springframework.context.ConfigurableApplicationContext> {

        @Override
        public void initialize(org.springframework.context.ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                "machi-test-smtp", java.util.Map.of("spring.mail.port", PORT)));
        }
    }

    /**
     * Starts the server if it is not running yet. Another JVM may hold the port for a while (tests of another
     * checkout on the same machine): the start is retried for up to a minute.
     */
    public static synchronized GreenMail start() {
        if (server != null && server.isRunning()) {
            return server;
        }
        RuntimeException last = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        do {
            GreenMail candidate = new GreenMail(new ServerSetup(PORT, HOST, ServerSetup.PROTOCOL_SMTP));
            try {
                candidate.start();
                if (!candidate.isRunning()) {
                    throw new IllegalStateException("GreenMail did not start");
                }
                server = candidate;
                Runtime.getRuntime().addShutdownHook(new Thread(candidate::stop, "greenmail-stop"));
                return server;
            } catch (RuntimeException e) {
                last = e;
                candidate.stop();
                sleep(Duration.ofMillis(500));
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("GreenMail could not listen on " + HOST + ":" + PORT, last);
    }

    /** Every mail received so far whose To or Cc holds {@code address} (case-insensitive). */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(start().getReceivedMessages()).filter(m -> isFor(m, address)).toList();
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for a mail to {@code address} and returns the first. */
    public static MimeMessage awaitMailTo(String address) {
        return awaitMailsTo(address, 1, DEFAULT_TIMEOUT).getFirst();
    }

    /** Waits until at least {@code count} mails to {@code address} arrived; fails the test after {@code timeout}. */
    public static List<MimeMessage> awaitMailsTo(String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> mails = mailsTo(address);
            if (mails.size() >= count) {
                return mails;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " mail(s) to " + address + " within " + timeout
                    + " but got " + mails.size());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Waits until a mail to {@code address} whose text contains every one of {@code words} arrived, and returns it. */
    public static MimeMessage awaitMailContaining(String address, Duration timeout, String... words) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (MimeMessage m : mailsTo(address)) {
                String text = text(m);
                if (Arrays.stream(words).allMatch(text::contains)) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No mail to " + address + " containing " + Arrays.toString(words) + " within "
                    + timeout + " (got " + mailsTo(address).size() + " other mail(s))");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Fails when any mail to {@code address} arrives within {@code period}. */
    public static void assertNoMailTo(String address, Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        do {
            if (!mailsTo(address).isEmpty()) {
                throw new AssertionError("Expected no mail to " + address + " but got " + mailsTo(address).size());
            }
            sleep(Duration.ofMillis(100));
        } while (System.nanoTime() < deadline);
    }

    /** Deletes all received mail (of all tests: prefer distinct addresses). */
    public static void purge() {
        try {
            start().purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded text of a text/plain mail. */
    public static String text(MimeMessage mail) {
        try {
            return (String) mail.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first http(s) link in a text, e.g. the one-time link of a sign-up mail; null when there is none. */
    public static String firstLink(String text) {
        var m = java.util.regex.Pattern.compile("https?://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+").matcher(text);
        return m.find() ? m.group().replaceAll("[.,;:!?)]+$", "") : null;
    }

    private static boolean isFor(MimeMessage mail, String address) {
        try {
            for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
                Address[] recipients = mail.getRecipients(type);
                if (recipients == null) {
                    continue;
                }
                for (Address a : recipients) {
                    if (a instanceof InternetAddress ia && ia.getAddress().equalsIgnoreCase(address)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
