package jp.machi.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local SMTP sink for benchmarks and tests: accepts every message on 127.0.0.1 (any number of connections, many
 * messages per connection), keeps what it accepted (Message-ID, recipients, when) and throws the content away. It can
 * refuse chosen recipients for good (550 5.1.1) or for now (450 4.2.0), to exercise bounces and retries. It is a
 * sink, not a mail server: no queue, no delivery, no authentication.
 */
public final class SmtpSink implements AutoCloseable {

    /** One accepted message: its Message-ID header, envelope recipients, and when the sink answered 250. */
    public record Accepted(String messageId, List<String> recipients, long epochMillis, String subject, int bytes) {}

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");
    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:\\s*(.*)$");

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> refuseForGood = r -> false;
    private volatile Predicate<String> refuseForNow = r -> false;
    private volatile boolean keepSubjects;

    public SmtpSink(int port) throws IOException {
        server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().name("smtp-sink-accept").daemon().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public SmtpSink refuseForGood(Predicate<String> recipients) {
        this.refuseForGood = recipients;
        return this;
    }

    public SmtpSink refuseForNow(Predicate<String> recipients) {
        this.refuseForNow = recipients;
        return this;
    }

    public SmtpSink keepSubjects(boolean keep) {
        this.keepSubjects = keep;
        return this;
    }

    public List<Accepted> accepted() {
        return new ArrayList<>(accepted);
    }

    /** The messages accepted after the first {@code from}, in the order the sink accepted them (no copy of the rest). */
    public List<Accepted> acceptedSince(int from) {
        List<Accepted> out = new ArrayList<>();
        int i = 0;
        for (Accepted a : accepted) {
            if (i++ >= from) {
                out.add(a);
            }
        }
        return out;
    }

    public int count() {
        return accepted.size();
    }

    /** How many SMTP sessions (connections) were opened. */
    public int sessions() {
        return sessions.get();
    }

    public void clear() {
        accepted.clear();
    }

    /** Closes every open session from the server's side, as a server does with connections idle too long. */
    public void dropConnections() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sessions.incrementAndGet();
                threads.execute(() -> session(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        open.add(socket);
        try (socket; OutputStream out = socket.getOutputStream()) {
            Bytes in = new Bytes(socket.getInputStream());
            reply(out, "220 sink.localhost ESMTP machi-bench-sink");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-sink.localhost\r\n250-8BITMIME\r\n250-SIZE 52428800\r\n250 SMTPUTF8");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 sink.localhost");
                } else if (upper.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO")) {
                    String r = address(line);
                    if (refuseForGood.test(r)) {
                        reply(out, "550 5.1.1 <" + r + ">: user unknown");
                    } else if (refuseForNow.test(r)) {
                        reply(out, "450 4.2.0 <" + r + ">: try again later");
                    } else {
                        recipients.add(r);
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (upper.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    byte[] data = readData(in);
                    String head = headers(data);
                    Matcher id = MESSAGE_ID.matcher(head);
                    String subject = null;
                    if (keepSubjects) {
                        Matcher m = SUBJECT.matcher(head);
                        subject = m.find() ? m.group(1).strip() : null;
                    }
                    accepted.add(new Accepted(id.find() ? id.group(1) : null, List.copyOf(recipients), System.currentTimeMillis(),
                        subject, data.length));
                    recipients.clear();
                    reply(out, "250 2.0.0 accepted");
                } else if (upper.equals("RSET")) {
                    recipients.clear();
                    reply(out, "250 2.0.0 OK");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away (or was killed): nothing to do
        } finally {
            open.remove(socket);
        }
    }

    private static String address(String line) {
        int lt = line.indexOf('<');
        int gt = line.indexOf('>', lt + 1);
        return (lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(line.indexOf(':') + 1).strip()).toLowerCase(Locale.ROOT);
    }

    private static String headers(byte[] data) {
        String text = new String(data, 0, Math.min(data.length, 8192), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** An unsynchronised buffered reader of bytes (a sink reads hundreds of megabytes). */
    static final class Bytes {
        private final InputStream in;
        private final byte[] buf = new byte[65536];
        private int pos;
        private int len;

        Bytes(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return -1;
                }
            }
            return buf[pos++] & 0xff;
        }
    }

    /** One line without CRLF, or null at the end of the stream. */
    private static String readLine(Bytes in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return null;
    }

    /** The message up to the line with a single dot (dot-stuffing undone is not needed for a sink). */
    private static byte[] readData(Bytes in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(4096);
        int state = 2; // 2: at the start of a line
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            if (state == 2 && c == '.') {
                state = 3;
            } else if (state == 3 && c == '\r') {
                state = 4;
            } else if (state == 4 && c == '\n') {
                byte[] all = b.toByteArray();
                return java.util.Arrays.copyOf(all, Math.max(0, all.length - 3));
            } else {
                state = c == '\n' ? 2 : 0;
            }
        }
        throw new IOException("connection closed during DATA");
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
