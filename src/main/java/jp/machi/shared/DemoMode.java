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

    private final boolean enabled;

    public DemoMode(@Value("${machi.demo:}") String demo, MachiDatabaseProperties db) {
        this.enabled = demo == null || demo.isBlank() ? !db.external() : Boolean.parseBoolean(demo.trim());
    }

    public boolean enabled() {
        return enabled;
    }
}
