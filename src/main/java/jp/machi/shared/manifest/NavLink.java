package jp.machi.shared.manifest;

/**
 * A link in the header's navigation, shown on every page to the people it is for. The portal collects every bean
 * of this type and renders them in {@code order} (lower first). Keep the labels short: the header wraps on a phone.
 *
 * @param order    position in the header
 * @param labelKey message key of the label
 * @param path     where the link goes
 * @param audience who sees it
 */
public record NavLink(int order, String labelKey, String path, Audience audience) {}
