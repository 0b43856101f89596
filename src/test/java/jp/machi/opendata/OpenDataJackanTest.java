package jp.machi.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.machi.support.MachiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An existing CKAN client, unchanged, against the running application: Jackan 0.4.2 in a JVM of its own (its
 * Jackson 2.6 and Guava 15 never meet ours), running src/test/jackan/JackanContract.java with the Java source
 * launcher on the class path the build copied to target/jackan.
 */
@MachiTest
class OpenDataJackanTest {

    @LocalServerPort int port;

    @Test
    void jackanListsSearchesAndDownloadsUnchanged() throws Exception {
        Path jars = Path.of("target/jackan");
        assertThat(jars.resolve("jackan-0.4.2.jar")).as("the build copies Jackan to target/jackan").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", jars.toAbsolutePath() + File.separator + "*",
            "src/test/jackan/JackanContract.java", "http://localhost:" + port, "http://localhost")
            .redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        System.out.println(out);
        assertThat(done).as("Jackan finished in time").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OK api version 3", "OK search by tag 防災", "OK not found: CkanNotFoundException",
            "JACKAN CONTRACT PASSED");
        assertThat(List.of(Files.readString(Path.of("src/test/jackan/JackanContract.java")).split("\n")))
            .anyMatch(l -> l.contains("new CkanClient(site)"));
    }
}
