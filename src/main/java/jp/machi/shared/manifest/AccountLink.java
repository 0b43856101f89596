package jp.machi.shared.manifest;

/**
 * One link in a My Page section.
 *
 * @param labelKey message key of the link text
 * @param path     where it goes
 * @param status   an optional line under the link, already in the person's language ({@code null} for none)
 */
public record AccountLink(String labelKey, String path, String status) {

    public static AccountLink of(String labelKey, String path) {
        return new AccountLink(labelKey, path, null);
    }
}
