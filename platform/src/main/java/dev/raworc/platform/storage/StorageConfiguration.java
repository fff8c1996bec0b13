package dev.raworc.platform.storage;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
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
        return EmbeddedDatabase.start(dataDirectory);
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
