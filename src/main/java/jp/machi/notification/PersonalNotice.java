package jp.machi.notification;

import java.util.Map;

/**
 * One personal notice to queue.
 *
 * @param type      the {@link NotificationType#code()}
 * @param key       names the event, so that the same event never notifies the same person twice (e.g.
 *                  {@code report:42:RESOLVED:2026-12-07T10:00:00Z})
 * @param accountId the person's account, or null for someone known only by address
 * @param email     the address for someone without an account (ignored when {@code accountId} is set)
 * @param language  ja or en for someone without an account (accounts use their own)
 * @param values    the placeholders' values, already in the person's language
 * @param link      where the notice leads (an absolute URL or a path on this site), or null
 */
public record PersonalNotice(String type, String key, Long accountId, String email, String language,
                             Map<String, String> values, String link) {

    public PersonalNotice {
        if (type == null || key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("a personal notice needs a type and a key of at most 200 characters");
        }
        if (accountId == null && (email == null || email.isBlank())) {
            throw new IllegalArgumentException("a personal notice needs an account or an address");
        }
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public static PersonalNotice toAccount(String type, String key, long accountId, Map<String, String> values, String link) {
        return new PersonalNotice(type, key, accountId, null, null, values, link);
    }

    public static PersonalNotice toAddress(String type, String key, String email, String language,
                                           Map<String, String> values, String link) {
        return new PersonalNotice(type, key, null, email, language, values, link);
    }
}
