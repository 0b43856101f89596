package jp.machi.mail;

/**
 * The one Jakarta Mail setting every sender in Machi wants (the outbox here, the notification hub's SMTP sessions):
 * Jakarta Mail 2.1 looks up its {@code StreamProvider} again for every encoded header (a Japanese subject, when set
 * and again when the transport reads it) and body stream, with {@code ServiceLoader} — a scan of every jar on the class
 * path each time. Profiled in the notification benchmark (docs/benchmarks.md) it was 56 % of the emergency workers'
 * CPU. Named in the system property, the lookup is a class already loaded and a constructor call. Angus Mail is the
 * provider {@code ServiceLoader} would find anyway; a value the operator set is left alone, and another Jakarta Mail
 * implementation keeps its own lookup.
 */
public final class JakartaMailStreams {

    /** The system property through which Jakarta Mail's {@code FactoryFinder} finds the stream provider first. */
    public static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAMS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private JakartaMailStreams() {}

    /** Names Angus Mail's stream provider unless a provider is named already or Angus Mail is not there. Idempotent. */
    public static synchronized void nameProvider() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAMS, false, JakartaMailStreams.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS_STREAMS);
        } catch (ClassNotFoundException e) {
            // another Jakarta Mail implementation: its own lookup stays
        }
    }
}
