package jp.machi.shared.manifest;

/**
 * A service on the home page. A module that offers residents a service declares a bean of this type; the portal
 * lists them in {@code order} (lower first).
 *
 * @param order          position on the home page
 * @param titleKey       message key of the title
 * @param descriptionKey message key of the one-line description
 * @param path           where the service starts
 */
public record ServiceLink(int order, String titleKey, String descriptionKey, String path) {}
