package jp.machi.audit.internal;

import java.util.List;
import java.util.Locale;
import jp.machi.audit.AuditDetail;
import jp.machi.ward.WardProfile;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Says a keyed audit description in a language: the English text at recording, the auditor's language on the page. */
@Component
public class AuditDetails {

    private final MessageSource messages;
    private final WardProfile ward;

    AuditDetails(MessageSource messages, WardProfile ward) {
        this.messages = messages;
        this.ward = ward;
    }

    /** The sentence in {@code locale}, or null when the key or one of its word arguments has no message there. */
    public String say(String key, List<Object> args, Locale locale) {
        if (key == null) {
            return null;
        }
        Object[] said = new Object[args.size()];
        for (int i = 0; i < said.length; i++) {
            String arg = argument(args.get(i), locale);
            if (arg == null) {
                return null;
            }
            said[i] = arg;
        }
        return messages.getMessage(key, said, null, locale);
    }

    /** The entry's stored key and arguments in {@code locale} (null when it has no key or cannot be said). */
    public String say(AuditEntry e, Locale locale) {
        return e.detailKey() == null ? null : say(e.detailKey(), AuditDetailJson.read(e.detailArgs()), locale);
    }

    private String argument(Object a, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        return switch (a) {
            case AuditDetail.Word w -> messages.getMessage(w.key(), null, null, locale);
            case AuditDetail.Words ws -> {
                StringBuilder out = new StringBuilder();
                for (String k : ws.keys()) {
                    String word = messages.getMessage(k, null, null, locale);
                    if (word == null) {
                        yield null;
                    }
                    out.append(out.isEmpty() ? "" : english ? ", " : "、").append(word);
                }
                yield out.isEmpty() ? messages.getMessage("audit.detail.none", null, "-", locale) : out.toString();
            }
            case AuditDetail.Departments d -> d.codes().isEmpty() ? messages.getMessage("audit.detail.none", null, "-", locale)
                : String.join(english ? ", " : "、",
                    d.codes().stream().map(c -> ward.department(c).map(x -> x.label(locale)).orElse(c)).toList());
            case AuditDetail.Named n -> english && n.en() != null ? n.en() : n.ja();
            default -> String.valueOf(a);
        };
    }
}
