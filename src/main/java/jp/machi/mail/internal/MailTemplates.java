package jp.machi.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders mail templates: {@code templates/mail/<name>_ja.txt} and {@code _en.txt}, Thymeleaf text mode,
 * UTF-8. The first line is {@code Subject: ...}, then a blank line, then the body.
 *
 * <p>The subject line and the body are rendered separately, so a line break that a variable brings into the
 * subject is seen and refused (no header injection), however it is placed. Files are read once and cached, as
 * are the parsed templates. The engine is private to this class (not a bean), so Spring Boot's HTML engine
 * for pages is untouched.
 */
@Component
public class MailTemplates {

    private static final String PREFIX = "templates/mail/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*");
    private static final String SUBJECT = "Subject:";
    static final int MAX_SUBJECT_LENGTH = 300;

    private final TemplateEngine engine;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    public MailTemplates() {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        this.engine = engine;
    }

    /** ja or en: {@code en} gives English, anything else (or nothing) Japanese. */
    public static String language(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
    }

    /**
     * Renders a template in a language.
     *
     * @throws IllegalArgumentException when the name is not a template name, the template does not exist, is
     *                                  not a subject line, a blank line and a body, or renders a subject with a
     *                                  line break or an empty subject or body
     */
    public RenderedMail render(String template, String language, Map<String, Object> model) {
        if (template == null || template.length() > 100 || !NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("Not a mail template name: " + template);
        }
        String file = template + "_" + language + ".txt";
        Source source = sources.computeIfAbsent(file, MailTemplates::load);
        Context context = new Context(Locale.forLanguageTag(language), model);
        String subject;
        String body;
        try {
            subject = engine.process(source.subject(), context);
            body = engine.process(source.body(), context);
        } catch (TemplateEngineException e) {
            throw new IllegalArgumentException("The mail template " + file + " could not be rendered", e);
        }
        subject = subject.strip();
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("The mail template " + file + " renders an empty subject");
        }
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The subject of " + file + " contains a line break or control character");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("The subject of " + file + " is longer than " + MAX_SUBJECT_LENGTH);
        }
        body = body.replace("\r\n", "\n").replace('\r', '\n').stripTrailing() + "\n";
        if (body.isBlank()) {
            throw new IllegalArgumentException("The mail template " + file + " renders an empty body");
        }
        return new RenderedMail(subject, body);
    }

    private static Source load(String file) {
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(PREFIX + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No mail template " + PREFIX + file);
            }
            return parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mail template " + PREFIX + file, e);
        }
    }

    /** Splits a template file into its subject line's template and its body's template. */
    static Source parse(String file, String text) {
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        normalized = normalized.replace("\r\n", "\n");
        int eol = normalized.indexOf('\n');
        if (eol < 0 || !normalized.startsWith(SUBJECT)) {
            throw new IllegalArgumentException("The mail template " + file + " must start with a line 'Subject: ...'");
        }
        String rest = normalized.substring(eol + 1);
        if (!rest.startsWith("\n")) {
            throw new IllegalArgumentException("The mail template " + file + " needs a blank line after the subject");
        }
        return new Source(normalized.substring(SUBJECT.length(), eol), rest.substring(1));
    }

    /** A template file: the subject line (after "Subject:") and the body, each a Thymeleaf text template. */
    record Source(String subject, String body) {}

    /** A rendered mail. The body uses \n line breaks and ends with one. */
    public record RenderedMail(String subject, String body) {}
}
