package jp.machi.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every {@code messages/<name>.properties} on the class path is a message bundle ({@code <name>_en.properties} its
 * English version), so a module adds its texts by adding its own files; no list of bundles to edit. Keys must be
 * unique across bundles (each module prefixes its own); {@code MessageBundlesTest} checks it.
 */
@Configuration(proxyBeanMethods = false)
public class MessageBundles {

    private static final Pattern FILE = Pattern.compile("^(.+?)(_[a-z]{2}(_[A-Z]{2})?)?\\.properties$");

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames(basenames().toArray(String[]::new));
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        source.setUseCodeAsDefaultMessage(false);
        return source;
    }

    /** The bundles found on the class path, as {@code messages/<name>}, sorted. */
    public static TreeSet<String> basenames() {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*.properties")) {
                Matcher m = FILE.matcher(r.getFilename() == null ? "" : r.getFilename());
                if (m.matches()) {
                    names.add("messages/" + m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the message bundles", e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no message bundles under messages/ on the class path");
        }
        return names;
    }
}
