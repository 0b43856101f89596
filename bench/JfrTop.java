// SPDX-License-Identifier: AGPL-3.0-or-later
// Summarises the CPU samples (jdk.ExecutionSample) of a JDK Flight Recorder file: the methods that ran (self time), and
// how many samples had a frame of each part of the stack (inclusive: security filters, session, templates, JDBC …).
// Usage: java bench/JfrTop.java recording.jfr [top-n]     (JDK only; see bench/finder-bench.sh)
//        java -Dthreads=notification-emergency bench/JfrTop.java recording.jfr   only threads whose name starts so; then
//        also where those threads waited: socket reads, parks, monitor waits and sleeps recorded in the file (their
//        thresholds are the recording's; bench/notification-bench.sh records them from 1 ms), summed by thread kind
//        (a name's trailing "-<n>" dropped) and by part of the stack.
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

public class JfrTop {

    /** Parts of the stack, by the first match of a frame's class name prefix, in this order. */
    static final Map<String, String[]> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("Spring Security filter chain", new String[] {"org.springframework.security."});
        PARTS.put("session (Spring Session / Tomcat)", new String[] {"org.springframework.session.", "org.apache.catalina.session."});
        PARTS.put("Thymeleaf rendering", new String[] {"org.thymeleaf."});
        PARTS.put("message lookup (MessageSource)", new String[] {"org.springframework.context.support.AbstractMessageSource",
            "org.springframework.context.support.ReloadableResourceBundleMessageSource",
            "org.springframework.context.support.ResourceBundleMessageSource"});
        PARTS.put("PostgreSQL JDBC driver", new String[] {"org.postgresql."});
        PARTS.put("HikariCP pool", new String[] {"com.zaxxer.hikari."});
        PARTS.put("Spring transactions", new String[] {"org.springframework.transaction."});
        PARTS.put("Jackson JSON", new String[] {"com.fasterxml.jackson.", "tools.jackson."});
        PARTS.put("Bean Validation", new String[] {"org.hibernate.validator."});
        PARTS.put("Tomcat HTTP (connector, request parsing, writing)", new String[] {"org.apache.coyote.", "org.apache.tomcat.util.net."});
        PARTS.put("Spring MVC dispatch", new String[] {"org.springframework.web.servlet.DispatcherServlet"});
        PARTS.put("SMTP client (Jakarta Mail / Angus)", new String[] {"org.eclipse.angus.mail.", "jakarta.mail."});
        PARTS.put("Machi code (jp.machi)", new String[] {"jp.machi."});
    }

    /**
     * Libraries, for the exclusive breakdown: each sample counts once, for the library of its innermost frame that is
     * not the JDK's own (java.*, jdk.*, sun.*: a HashMap lookup counts for whoever called it). Unlike the inclusive
     * parts, which say what a request passes through (the security filter chain wraps nearly everything), this says
     * who did the work: Spring Security's own share is its filters' work, not the controller beneath them.
     */
    static final Map<String, String[]> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("Spring Security (filters, firewall, matchers)", new String[] {"org.springframework.security."});
        LIBRARIES.put("Spring MVC and web (dispatch, arguments, converters, filters)",
            new String[] {"org.springframework.web.", "org.springframework.http."});
        LIBRARIES.put("Spring transactions and JDBC", new String[] {"org.springframework.transaction.", "org.springframework.jdbc."});
        LIBRARIES.put("Spring (beans, AOP, core, context, other)", new String[] {"org.springframework."});
        LIBRARIES.put("Tomcat (connector, container, sessions)", new String[] {"org.apache.catalina.", "org.apache.coyote.",
            "org.apache.tomcat."});
        LIBRARIES.put("Thymeleaf", new String[] {"org.thymeleaf.", "org.attoparser.", "org.unbescape."});
        LIBRARIES.put("PostgreSQL JDBC driver and HikariCP", new String[] {"org.postgresql.", "com.zaxxer.hikari."});
        LIBRARIES.put("Jackson", new String[] {"com.fasterxml.jackson.", "tools.jackson."});
        LIBRARIES.put("Bean Validation", new String[] {"org.hibernate.validator.", "jakarta.validation."});
        LIBRARIES.put("Micrometer (observations, metrics)", new String[] {"io.micrometer."});
        LIBRARIES.put("logging", new String[] {"ch.qos.logback.", "org.slf4j."});
        LIBRARIES.put("Machi (jp.machi)", new String[] {"jp.machi."});
    }

    static String library(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.")) {
                continue;
            }
            for (var l : LIBRARIES.entrySet()) {
                for (String prefix : l.getValue()) {
                    if (type.startsWith(prefix)) {
                        return l.getKey();
                    }
                }
            }
            return "other: " + (type.lastIndexOf('.') > 0 ? type.substring(0, type.lastIndexOf('.')) : type);
        }
        return "the JDK only (GC, JIT and other JVM threads, or no caller recorded)";
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> machi = new HashMap<>();
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        int total = 0;
        String threads = System.getProperty("threads", "");
        Map<String, Double> waits = new java.util.TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            var t = e.getEventType().getName().equals("jdk.ExecutionSample") ? e.getThread("sampledThread") : e.getThread();
            String thread = t == null || t.getJavaName() == null ? "" : t.getJavaName();
            if (!threads.isEmpty() && !thread.startsWith(threads)) {
                continue;
            }
            String event = e.getEventType().getName();
            if (!threads.isEmpty() && List.of("jdk.SocketRead", "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.JavaMonitorEnter",
                    "jdk.ThreadSleep").contains(event)) {
                String part = e.getStackTrace() == null ? "?" : part(e.getStackTrace().getFrames());
                waits.merge(thread.replaceAll("-\\d+", "-<n>") + "  " + event + "  in " + part,
                    e.getDuration().toNanos() / 1e9, Double::sum);
                continue;
            }
            if (!event.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            self.merge(name(frames.getFirst()), 1, Integer::sum);
            libraries.merge(library(frames), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod().getType().getName().startsWith("jp.machi.")) {
                    machi.merge(name(f), 1, Integer::sum);
                    break;
                }
            }
            for (var p : PARTS.entrySet()) {
                for (RecordedFrame f : frames) {
                    String type = f.getMethod().getType().getName();
                    boolean hit = false;
                    for (String prefix : p.getValue()) {
                        if (type.startsWith(prefix)) {
                            hit = true;
                            break;
                        }
                    }
                    if (hit) {
                        parts.merge(p.getKey(), 1, Integer::sum);
                        break;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d CPU samples%n-- parts of the stack (inclusive share of samples):%n", total);
        for (var p : parts.entrySet()) {
            System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * p.getValue() / Math.max(1, total), p.getKey());
        }
        print("-- by library (exclusive: the innermost frame that is not the JDK's):", libraries, total, 15);
        print("-- top methods (self):", self, total, top);
        print("-- innermost jp.machi frame on the stack:", machi, total, Math.min(top, 15));
        if (!waits.isEmpty()) {
            System.out.println("-- waits of threads " + threads + "* (seconds, summed over threads):");
            waits.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %8.1f s  %s%n", v, k));
        }
    }

    /** The first part of {@link #PARTS} a stack has a frame of, or its innermost jp.machi frame, or "other". */
    static String part(List<RecordedFrame> frames) {
        for (var p : PARTS.entrySet()) {
            if (p.getKey().startsWith("Machi")) {
                continue;
            }
            for (RecordedFrame f : frames) {
                for (String prefix : p.getValue()) {
                    if (f.getMethod().getType().getName().startsWith(prefix)) {
                        return p.getKey();
                    }
                }
            }
        }
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("jp.machi.")) {
                return name(f);
            }
        }
        return "other";
    }

    static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println(title);
        List<Map.Entry<String, Integer>> list = new ArrayList<>(counts.entrySet());
        list.sort((a, b) -> b.getValue() - a.getValue());
        for (var e : list.subList(0, Math.min(top, list.size()))) {
            System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey());
        }
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
