package jp.machi.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: an external PostgreSQL when MACHI_DB_URL is set, otherwise the embedded PostgreSQL 18
 * with its files under ./data (kept between runs).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(MachiDatabaseProperties props) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("machi");
        config.setMaximumPoolSize(20);
        if (props.external()) {
            config.setJdbcUrl(props.url());
            config.setUsername(props.user());
            config.setPassword(props.password());
        } else {
            String dir = props.dataDir() == null || props.dataDir().isBlank() ? "./data" : props.dataDir();
            EmbeddedPostgres pg = EmbeddedPostgresServer.start(Path.of(dir, "postgres"), props.clean(), props.port());
            config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
        }
        return new HikariDataSource(config);
    }
}
