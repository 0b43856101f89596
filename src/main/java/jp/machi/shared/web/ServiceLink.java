package jp.machi.shared.web;

/**
 * A service on the home page. Each module that offers residents a service declares a bean of this type;
 * the home page lists them in {@code order}.
 *
 * @param order          position on the home page
 * @param titleKey       message key of the title
 * @param descriptionKey message key of the one-line description
 * @param path           where the service starts
 */
public record ServiceLink(int order, String titleKey, String descriptionKey, String path) {}
