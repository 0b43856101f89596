package jp.machi.shared.manifest;

/**
 * The site search box in the header. The module that offers site search declares one bean of this type; the layout
 * then shows a search form on every page (a plain GET form: it works without JavaScript).
 *
 * @param path      where the form goes ({@code /search})
 * @param parameter the name of the words' parameter ({@code q})
 * @param labelKey  message key of the box's label (read by screen readers, shown as placeholder)
 * @param buttonKey message key of the button
 */
public record HeaderSearch(String path, String parameter, String labelKey, String buttonKey) {}
