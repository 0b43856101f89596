package jp.machi.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Machi in a child process, for tests of what happens when the process dies: started with the test JVM's class path
 * and the given MACHI_* environment, killed with SIGKILL (no shutdown hooks run), started again. Its output goes to
 * a log file under target/ (named in assertion messages).
 */
public final class MachiProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private Process process;

    /** A child on a free port with these MACHI_* (or Spring) environment variables. */
    public MachiProcess(String name, Map<String, String> environment) throws IOException {
        this.port = freePort();
        this.env = new LinkedHashMap<>(environment);
        this.env.put("SERVER_PORT", Integer.toString(port));
        this.env.putIfAbsent("MACHI_BASE_URL", "http://localhost:" + port);
        Files.createDirectories(Path.of("target", "child-processes"));
        this.log = Path.of("target", "child-processes", name + ".log").toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Starts the child and waits until /actuator/health answers UP. */
    public MachiProcess start(Duration timeout) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), "jp.machi.MachiApplication"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("MACHI_") || k.startsWith("SPRING_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().putAll(env);
        process = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Machi exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Machi did not become healthy within " + timeout + "; see " + log);
    }

    /** kill -9: no shutdown hook, no graceful close of connections or servers started by the child. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
