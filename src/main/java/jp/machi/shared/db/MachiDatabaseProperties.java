package jp.machi.shared.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. With no {@code url} Machi starts an embedded PostgreSQL whose files live in
 * {@code dataDir}; with a url it connects to that server and starts nothing.
 *
 * @param url        MACHI_DB_URL, a JDBC url such as jdbc:postgresql://db:5432/machi
 * @param user       MACHI_DB_USER
 * @param password   MACHI_DB_PASSWORD
 * @param dataDir    MACHI_DATA_DIR, default ./data (the embedded server keeps its files in dataDir/postgres)
 * @param clean      start the embedded server from an empty folder (tests)
 * @param port       port of the embedded server, 0 for any free port
 */
@ConfigurationProperties("machi.db")
public record MachiDatabaseProperties(String url, String user, String password, String dataDir, boolean clean,
                                      int port) {

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
