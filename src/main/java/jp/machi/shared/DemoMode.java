package jp.machi.shared;

import jp.machi.shared.db.MachiDatabaseProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Demo mode seeds the demo ward's example accounts and data. It is on with the embedded database and off
 * with an external one, unless MACHI_DEMO says otherwise.
 */
@Component
public class DemoMode {

    /** The demo accounts' mail domain; {@code .example} is reserved (RFC 2606), so no real mailbox is there. */
    public static final String DOMAIN = "demo.machi.example";

    /** True for an address at the demo domain (or a subdomain of it). */
    public static boolean isDemoAddress(String email) {
        if (email == null) {
            return false;
        }
        String domain = email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(java.util.Locale.ROOT);
        return email.contains("@") && (domain.equals(DOMAIN) || domain.endsWith("." + DOMAIN));
    }

    private final boolean enabled;

    public DemoMode(@Value("${machi.demo:}") String demo, MachiDatabaseProperties db) {
        this.enabled = demo == null || demo.isBlank() ? !db.external() : Boolean.parseBoolean(demo.trim());
    }

    public boolean enabled() {
        return enabled;
    }
}
