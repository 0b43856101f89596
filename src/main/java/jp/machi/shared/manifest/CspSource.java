package jp.machi.shared.manifest;

/**
 * One more source for a directive of the Content-Security-Policy, declared by the module that needs it (the map
 * tiles' host for {@code img-src}, say), usually from its own configuration. The security configuration adds every
 * declared source to the strict default policy; {@code script-src} and {@code style-src} accept none (no module may
 * weaken them).
 *
 * @param directive {@code img-src}, {@code connect-src}, {@code font-src} or {@code media-src}
 * @param source    an origin such as {@code https://cyberjapandata.gsi.go.jp}
 */
public record CspSource(String directive, String source) {

    public CspSource {
        if (!java.util.Set.of("img-src", "connect-src", "font-src", "media-src").contains(directive)) {
            throw new IllegalArgumentException("a module may not extend " + directive);
        }
        if (source == null || !source.matches("https://[A-Za-z0-9.-]+(:[0-9]+)?")) {
            throw new IllegalArgumentException("not an https origin: " + source);
        }
    }

    /** The origin of a URL template such as {@code https://host/xyz/{z}/{x}/{y}.png}, or null for a relative one. */
    public static CspSource originOf(String directive, String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(https://[^/]+)").matcher(url == null ? "" : url);
        return m.find() ? new CspSource(directive, m.group(1)) : null;
    }
}
