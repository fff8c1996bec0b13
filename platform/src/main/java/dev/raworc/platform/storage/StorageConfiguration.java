package dev.raworc.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import dev.raworc.platform.RaworcProperties;

/**
 * The database: an external PostgreSQL when {@code spring.datasource.url} (or
 * {@code RAWORC_DATABASE_URL}) is set, otherwise an embedded PostgreSQL whose files persist in the
 * data directory so a restart keeps everything.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RaworcProperties.class, DataSourceProperties.class})
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    DataDirectory dataDirectory(RaworcProperties properties) {
        return new DataDirectory(properties.dataDir());
    }

    @Bean
    StorageMode storageMode(DataSourceProperties dataSource) {
        return StringUtils.hasText(dataSource.getUrl()) ? StorageMode.EXTERNAL : StorageMode.EMBEDDED;
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(StorageMode mode, DataDirectory dataDirectory) {
        if (mode == StorageMode.EXTERNAL) {
            return EmbeddedDatabase.NONE;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.directory("postgres"))
                    .setCleanDataDirectory(false)
                    // the library starts PostgreSQL for tests: without fsync (-F), a machine crash can
                    // corrupt the database, and with synchronous_commit off, a crash loses events the
                    // API already answered for. A later -c wins over -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // the library's own JVM shutdown hook would stop PostgreSQL while the processors
                    // still write their tokens; Spring closes this bean after everything using it
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Started embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
                    dataDirectory.root().resolve("postgres"));
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory.root(), e);
        }
    }

    @Bean
    DataSource dataSource(StorageMode mode, DataSourceProperties properties, EmbeddedDatabase embedded) {
        if (mode == StorageMode.EMBEDDED) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(embedded.jdbcUrl());
            dataSource.setUsername("postgres");
            dataSource.setPoolName("raworc-embedded");
            return dataSource;
        }
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
