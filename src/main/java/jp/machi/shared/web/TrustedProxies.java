package jp.machi.shared.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} count only from the proxies named in
 * {@code MACHI_TRUSTED_PROXIES} (IP addresses, comma-separated; none by default). Tomcat's own default trusted every
 * private address, so anyone on the same network could forge their address for the audit log and the per-address
 * sign-in throttle (issue 16). {@code X-Forwarded-Host} is never used, and redirects are relative, so no header can
 * point a redirect at another host.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    /** Matches no address. */
    static final String NOBODY = "(?!)";

    private final String pattern;

    TrustedProxies(@Value("${machi.trusted-proxies:}") String proxies) {
        this.pattern = pattern(proxies);
        log.info(NOBODY.equals(pattern) ? "No trusted proxy (MACHI_TRUSTED_PROXIES): X-Forwarded-* headers are ignored"
            : "X-Forwarded-For/-Proto are honoured only from {}", proxies);
    }

    /** The RemoteIpValve pattern for a list of proxy addresses; {@link #NOBODY} for none. */
    static String pattern(String proxies) {
        List<String> addresses = new ArrayList<>();
        for (String p : proxies == null ? new String[0] : proxies.split(",")) {
            String a = p.strip();
            if (a.isEmpty()) {
                continue;
            }
            if (!LITERAL.matcher(a).matches()) {
                throw new IllegalArgumentException("MACHI_TRUSTED_PROXIES: '" + a + "' is not an IP address");
            }
            try {
                InetAddress address = InetAddress.getByName(a);
                addresses.add(address.getHostAddress());
                if (address.getHostAddress().contains(":")) {
                    addresses.add(a); // the written form as well as Tomcat's
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("MACHI_TRUSTED_PROXIES: '" + a + "' is not an IP address", e);
            }
        }
        return addresses.isEmpty() ? NOBODY
            : addresses.stream().distinct().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        for (Valve v : factory.getEngineValves()) {
            if (v instanceof RemoteIpValve remoteIp) {
                remoteIp.setInternalProxies(pattern);
                remoteIp.setTrustedProxies(null);
                remoteIp.setHostHeader(null);
                remoteIp.setPortHeader(null);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
