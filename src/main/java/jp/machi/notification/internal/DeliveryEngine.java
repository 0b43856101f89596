package jp.machi.notification.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers notification mail. Each lane (emergency, transactional, bulk) has its own workers; a worker claims a
 * batch of its lane (100 deliveries by default), sends it over its SMTP connection, one message per recipient, and
 * records the outcome as it goes (twice per batch: every {@link #flushEvery half batch's} messages, one statement for
 * the sent ones) on its own database thread ({@link Recorder}), so SMTP never waits for a commit; the emergency lane's
 * workers also claim their next batch there while sending the current one. A worker keeps its connection
 * ({@link Link}) from batch to batch while its lane has work and closes it when the lane runs dry; it opens a new one
 * after the lane's or a carrier's recipients-per-session limit, or after an error. After a crash (kill -9) only the messages
 * accepted since a worker's last completed record can go twice — at most two halves, one batch, per worker — and they
 * carry the same Message-ID. Their claim's lease runs out and the sweeper queues them again; nobody is skipped.
 *
 * <p>While the emergency lane has work, the other lanes' workers pause between messages, so a bulk send never delays
 * an emergency notice for CPU, database or SMTP server. Rate limits per lane and per carrier domain, and the carriers'
 * recipients-per-session limits, come from {@link NotificationSettings}.
 *
 * <p>Outcomes: accepted by the server → SENT; refused for good (5xx) for the address → BOUNCED and the address
 * suppressed; refused for now (4xx) or the connection failed → QUEUED again after a back-off (emergency: 15 s doubling
 * up to 5 min; others 1 min up to 2 h), FAILED after {@code maxAttempts}.
 */
@Component
public class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    /**
     * Outcomes are recorded every this many messages (and at the end of each batch): half a batch, so that with one
     * write in flight and the next one filling, what a kill can leave unrecorded is at most one batch per worker.
     */
    static int flushEvery(int batch) {
        return Math.max(1, batch / 2);
    }

    private final DeliveryStore store;
    private final MessageFactory messages;
    private final SmtpConnector smtp;
    private final NotificationSettings settings;
    private final Map<Lanes, LaneState> lanes = new EnumMap<>(Lanes.class);
    private final Map<NotificationSettings.Carrier, RateLimiter> carrierLimits = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryEngine(DeliveryStore store, MessageFactory messages, SmtpConnector smtp, NotificationSettings settings) {
        this.store = store;
        this.messages = messages;
        this.smtp = smtp;
        this.settings = settings;
        for (Lanes l : Lanes.values()) {
            lanes.put(l, new LaneState(l, settings.lane(l)));
        }
        for (NotificationSettings.Carrier c : settings.carriers()) {
            carrierLimits.put(c, new RateLimiter(c.messagesPerSecond()));
        }
    }

    /** One lane: its settings, rate limiter, wake-up signal and how many batches are in flight. */
    static final class LaneState {
        final Lanes lane;
        final NotificationSettings.Lane config;
        final RateLimiter limiter;
        final AtomicInteger inFlight = new AtomicInteger();
        private boolean signalled;

        LaneState(Lanes lane, NotificationSettings.Lane config) {
            this.lane = lane;
            this.config = config;
            this.limiter = new RateLimiter(config.messagesPerSecond());
        }

        synchronized void signal() {
            signalled = true;
            notifyAll();
        }

        synchronized void await(Duration max) throws InterruptedException {
            if (!signalled) {
                wait(Math.max(1, max.toMillis()));
            }
            signalled = false;
        }
    }

    @Override
    public void start() {
        running = true;
        for (LaneState l : lanes.values()) {
            for (int i = 1; i <= l.config.workers(); i++) {
                Thread t = Thread.ofPlatform().name("notification-" + l.lane.name().toLowerCase() + "-" + i).daemon()
                    .unstarted(() -> work(l));
                if (l.lane == Lanes.EMERGENCY) {
                    t.setPriority(Thread.MAX_PRIORITY);
                }
                threads.add(t);
                t.start();
            }
        }
        log.info("Notification delivery started: {} emergency, {} transactional, {} bulk workers{}",
            settings.emergency().workers(), settings.transactional().workers(), settings.bulk().workers(),
            smtp.configured() ? "" : " (no SMTP server configured: deliveries wait in the queue)");
    }

    @Override
    public void stop() {
        running = false;
        lanes.values().forEach(LaneState::signal);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Wakes a lane's workers now (after a notice was released in another thread's committed transaction). */
    public void wake(Lanes lane) {
        lanes.get(lane).signal();
    }

    /** Wakes a lane's workers when the current transaction commits (or now, outside one). */
    public void wakeAfterCommit(Lanes lane) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(lane);
                }
            });
        } else {
            wake(lane);
        }
    }

    /** Claims whose worker died are queued again (every 5 s). */
    @Scheduled(initialDelay = 5, fixedDelay = 5, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void sweep() {
        try {
            int n = store.releaseExpiredLeases();
            if (n > 0) {
                log.info("{} notification deliveries whose claim had lapsed are queued again", n);
                lanes.values().forEach(LaneState::signal);
            }
        } catch (RuntimeException e) {
            log.warn("Notification sweep failed: {}", e.toString());
        }
    }

    private void work(LaneState lane) {
        try (Recorder recorder = new Recorder(Thread.currentThread().getName() + "-db"); Link link = new Link(lane)) {
            // emergency lane: the next batch is claimed (on the recorder's thread) while this one is sent
            boolean prefetch = lane.lane == Lanes.EMERGENCY;
            Future<List<DeliveryStore.Claimed>> next = null;
            while (running) {
                try {
                    if (!smtp.configured()) {
                        lane.await(Duration.ofSeconds(30));
                        continue;
                    }
                    Future<List<DeliveryStore.Claimed>> claimed = next;
                    next = null; // a claim that failed is not asked again: the next round claims afresh
                    List<DeliveryStore.Claimed> batch = claimed != null ? Recorder.get(claimed) : claim(lane);
                    if (batch.isEmpty()) {
                        // the lane ran dry: no SMTP connection is held while idle
                        link.close();
                        lane.await(lane.config.poll());
                        continue;
                    }
                    if (prefetch) {
                        next = recorder.call(() -> claim(lane));
                    }
                    lane.inFlight.incrementAndGet();
                    try {
                        send(lane, batch, recorder, link);
                    } finally {
                        lane.inFlight.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    link.close();
                    log.warn("Notification worker {} failed, retrying shortly: {}", Thread.currentThread().getName(), e.toString());
                    sleepQuietly(Duration.ofSeconds(2));
                }
            }
            giveBackPrefetched(next);
        }
    }

    private List<DeliveryStore.Claimed> claim(LaneState lane) {
        return store.claim(lane.lane, lane.config.batch(), settings.lease());
    }

    /** On stop: a batch claimed ahead and never started is queued again at once (not after its lease). */
    private void giveBackPrefetched(Future<List<DeliveryStore.Claimed>> next) {
        if (next == null) {
            return;
        }
        try {
            List<DeliveryStore.Claimed> unsent = next.get();
            store.giveBack(unsent.stream().map(DeliveryStore.Claimed::id).toList(), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            // its lease runs out and the sweeper queues it again
        }
    }

    /**
     * A worker's database side: the outcomes of its SMTP session are written on this thread while the worker goes on
     * sending, so SMTP never waits for a commit. At most one write is in flight (the next hand-over waits for it), so
     * after a crash at most two hand-overs' worth ({@code 2 × flushEvery}, one session's batch) of accepted messages
     * can be unrecorded.
     */
    static final class Recorder implements AutoCloseable {
        private final ExecutorService db;
        private Future<?> writing = CompletableFuture.completedFuture(null);

        Recorder(String name) {
            db = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name(name).daemon().unstarted(r));
        }

        /** Waits until the previous write is done (its failure is thrown here), then hands this one over. */
        void write(Runnable write) throws InterruptedException {
            awaitWrites();
            writing = db.submit(write);
        }

        /** Waits until every write handed over is done; a failed write is thrown. */
        void awaitWrites() throws InterruptedException {
            get(writing);
        }

        <T> Future<T> call(java.util.concurrent.Callable<T> work) {
            return db.submit(work);
        }

        static <T> T get(Future<T> f) throws InterruptedException {
            try {
                return f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            db.shutdown();
            try {
                db.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The results of a session, handed to the worker's {@link Recorder} every {@link #flushEvery} messages. */
    private final class Results {
        List<DeliveryStore.Outcome> sent = new ArrayList<>();
        List<DeliveryStore.Outcome> retry = new ArrayList<>();
        List<DeliveryStore.Outcome> bounced = new ArrayList<>();
        List<String> bouncedEmails = new ArrayList<>();
        List<DeliveryStore.Outcome> failed = new ArrayList<>();
        final Lanes lane;
        final Recorder recorder;
        final int flushEvery;
        int pending;

        Results(LaneState lane, Recorder recorder) {
            this.lane = lane.lane;
            this.recorder = recorder;
            this.flushEvery = flushEvery(lane.config.batch());
        }

        void maybeFlush() throws InterruptedException {
            if (++pending >= flushEvery) {
                flush();
            }
        }

        /** Hands the outcomes so far to the recorder (one statement for all sent ones), waiting for its previous write. */
        void flush() throws InterruptedException {
            List<DeliveryStore.Outcome> s = sent;
            List<DeliveryStore.Outcome> r = retry;
            List<DeliveryStore.Outcome> b = bounced;
            List<String> be = bouncedEmails;
            List<DeliveryStore.Outcome> f = failed;
            sent = new ArrayList<>();
            retry = new ArrayList<>();
            bounced = new ArrayList<>();
            bouncedEmails = new ArrayList<>();
            failed = new ArrayList<>();
            pending = 0;
            if (s.isEmpty() && r.isEmpty() && b.isEmpty() && f.isEmpty()) {
                return;
            }
            recorder.write(() -> {
                store.sent(s);
                if (!r.isEmpty()) {
                    boolean urgent = lane == Lanes.EMERGENCY;
                    store.retry(r, urgent ? Duration.ofSeconds(15) : Duration.ofMinutes(1),
                        urgent ? Duration.ofMinutes(5) : Duration.ofHours(2), settings.maxAttempts());
                }
                store.bounced(b, be);
                store.failed(f);
            });
        }
    }

    /** Sends one claimed batch of a lane now, on the calling thread (the workers' step; tests use it directly). */
    void sendBatch(Lanes lane, List<DeliveryStore.Claimed> batch) throws InterruptedException {
        sendBatches(lane, List.of(batch), () -> { });
    }

    /**
     * Sends claimed batches one after the other over one kept connection, as a worker does while its lane has work
     * ({@code between} runs between two batches; tests use it to close the server's side meanwhile).
     */
    void sendBatches(Lanes lane, List<List<DeliveryStore.Claimed>> batches, Runnable between) throws InterruptedException {
        LaneState l = lanes.get(lane);
        try (Recorder recorder = new Recorder("notification-batch-db"); Link link = new Link(l)) {
            for (int i = 0; i < batches.size(); i++) {
                if (i > 0) {
                    between.run();
                }
                send(l, batches.get(i), recorder, link);
            }
            recorder.awaitWrites();
        }
    }

    /**
     * A worker's SMTP connection. It is kept across the worker's batches while its lane has work (closed when the lane
     * runs dry, on an error, or when the lane's or a carrier's recipients-per-session limit is reached before the next
     * message), so a send of 100,000 opens a session per {@code recipientsPerSession} messages, not per batch.
     */
    final class Link implements AutoCloseable {
        private final int limit;
        private final Map<NotificationSettings.Carrier, Integer> perCarrier = new HashMap<>();
        private Transport transport;
        private int messages;
        /** Whether the connection has carried a message in the current batch (or was opened in it). */
        private boolean provenInBatch;

        Link(LaneState lane) {
            this.limit = lane.config.recipientsPerSession();
        }

        /** A new batch begins: a connection kept from earlier batches is not yet known to be still open. */
        void newBatch() {
            provenInBatch = false;
        }

        /** True when the open connection was kept from an earlier batch and has not carried a message in this one. */
        boolean unproven() {
            return transport != null && !provenInBatch;
        }

        /** Closes the connection first when it has reached the lane's or this carrier's recipients-per-session limit. */
        void beforeMessage(NotificationSettings.Carrier carrier) {
            if (transport == null) {
                return;
            }
            if (limit > 0 && messages >= limit || carrier != null && carrier.recipientsPerSession() > 0
                && perCarrier.getOrDefault(carrier, 0) >= carrier.recipientsPerSession()) {
                close();
            }
        }

        Transport open() throws MessagingException {
            if (transport == null) {
                transport = smtp.connect();
                messages = 0;
                perCarrier.clear();
                provenInBatch = true;
            }
            return transport;
        }

        /** A message went over the connection (accepted or refused: it counts towards the session's limits). */
        void counted(NotificationSettings.Carrier carrier) {
            messages++;
            provenInBatch = true;
            if (carrier != null) {
                perCarrier.merge(carrier, 1, Integer::sum);
            }
        }

        /** After a refusal: forgets a connection the server closed. */
        void dropIfClosed() {
            if (transport != null && !transport.isConnected()) {
                close();
            }
        }

        @Override
        public void close() {
            DeliveryEngine.close(transport);
            transport = null;
            messages = 0;
            perCarrier.clear();
        }
    }

    private void send(LaneState lane, List<DeliveryStore.Claimed> batch, Recorder recorder, Link link) throws InterruptedException {
        Results results = new Results(lane, recorder);
        link.newBatch();
        int i = 0;
        try {
            for (; i < batch.size(); i++) {
                DeliveryStore.Claimed d = batch.get(i);
                if (lane.lane != Lanes.EMERGENCY) {
                    yieldToEmergency();
                }
                var refusal = messages.refusal(d, Instant.now());
                if (refusal.isPresent()) {
                    results.failed.add(new DeliveryStore.Outcome(d.id(), Instant.now(), refusal.get()));
                    results.maybeFlush();
                    continue;
                }
                NotificationSettings.Carrier carrier = settings.carrierOf(d.email());
                link.beforeMessage(carrier);
                lane.limiter.acquire();
                if (carrier != null) {
                    carrierLimits.get(carrier).acquire();
                }
                MimeMessage message;
                try {
                    message = messages.build(smtp.session(), d);
                } catch (MessagingException | RuntimeException e) {
                    results.failed.add(new DeliveryStore.Outcome(d.id(), Instant.now(), describe(e)));
                    results.maybeFlush();
                    continue;
                }
                boolean again;
                do {
                    again = false;
                    boolean unproven = link.unproven();
                    try {
                        Transport transport = link.open();
                        transport.sendMessage(message, MessageFactory.recipients(message));
                        link.counted(carrier);
                        results.sent.add(new DeliveryStore.Outcome(d.id(), Instant.now(), null));
                    } catch (MessagingException e) {
                        boolean refused = e instanceof SendFailedException && returnCode(e) > 0;
                        if (!refused && unproven) {
                            // a connection kept from an earlier batch that the server closed meanwhile (no reply, or
                            // none but EOF): the message is tried once more at once, on a new connection
                            link.close();
                            again = true;
                        } else if (e instanceof SendFailedException) {
                            link.counted(carrier);
                            int code = returnCode(e);
                            if (code >= 500 && addressRefused(e)) {
                                results.bounced.add(new DeliveryStore.Outcome(d.id(), Instant.now(), describe(e)));
                                results.bouncedEmails.add(d.email());
                            } else if (code >= 500) {
                                results.failed.add(new DeliveryStore.Outcome(d.id(), Instant.now(), describe(e)));
                            } else {
                                results.retry.add(new DeliveryStore.Outcome(d.id(), Instant.now(), describe(e)));
                            }
                            link.dropIfClosed();
                        } else {
                            // the connection failed or broke: this message is retried later; the rest get another connection
                            link.close();
                            results.retry.add(new DeliveryStore.Outcome(d.id(), Instant.now(), describe(e)));
                            if (!reconnectable()) {
                                for (int j = i + 1; j < batch.size(); j++) {
                                    results.retry.add(new DeliveryStore.Outcome(batch.get(j).id(), Instant.now(), describe(e)));
                                }
                                i = batch.size();
                            }
                        }
                    }
                } while (again);
                results.maybeFlush();
            }
        } catch (InterruptedException e) {
            List<Long> untried = new ArrayList<>();
            for (int j = i; j < batch.size(); j++) {
                untried.add(batch.get(j).id());
            }
            link.close();
            results.flush();
            recorder.awaitWrites();
            store.giveBack(untried, Duration.ZERO);
            throw e;
        }
        results.flush();
    }

    /** After a broken connection: try one new connection for the rest of the batch. */
    private boolean reconnectable() {
        try {
            close(smtp.connect());
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }

    private void yieldToEmergency() throws InterruptedException {
        LaneState emergency = lanes.get(Lanes.EMERGENCY);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (emergency.inFlight.get() > 0 && running && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** The SMTP reply code of a refusal (0 when unknown). */
    static int returnCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    static boolean addressRefused(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException) {
                return true;
            }
        }
        return e instanceof SendFailedException s && s.getInvalidAddresses() != null && s.getInvalidAddresses().length > 0;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root != e && root.getMessage() != null) {
            text += " / " + root.getMessage();
        }
        text = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return text.length() > 300 ? text.substring(0, 299) + "…" : text;
    }

    private static void close(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException e) {
                // closing a broken connection: nothing to do
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        // stops before the web server and the database pool
        return Integer.MAX_VALUE - 100;
    }
}
