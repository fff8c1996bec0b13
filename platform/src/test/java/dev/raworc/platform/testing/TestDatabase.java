package dev.raworc.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.schema.ModuleSchema;
import dev.raworc.platform.schema.SchemaMigrations;

/**
 * A real PostgreSQL for module tests, started once per test JVM and migrated with every module's
 * migrations found on the test classpath. Tests keep apart by using fresh ids and names.
 */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the temporary data directory goes with it
                    }
                }));
                dataSource = postgres.getPostgresDatabase();
                migrateAll(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the test PostgreSQL", e);
            }
        }
        return dataSource;
    }

    /** Every module's schema; a module whose migrations are not on the classpath adds nothing. */
    public static void migrateAll(DataSource dataSource) {
        SchemaMigrations.migrate(dataSource, List.of(ModuleSchema.PLATFORM, ModuleSchema.COMMAND, ModuleSchema.QUERY, ModuleSchema.RUNNER));
    }

    /** A new, empty database on the test PostgreSQL, for tests that need one to themselves. */
    public static DataSource emptyDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        jdbc().sql("CREATE DATABASE " + name).update();
        PGSimpleDataSource server;
        try {
            server = dataSource().unwrap(PGSimpleDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The test database is not a plain PostgreSQL data source", e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(server.getServerNames());
        dataSource.setPortNumbers(server.getPortNumbers());
        dataSource.setUser(server.getUser());
        dataSource.setDatabaseName(name);
        return dataSource;
    }

    public static JdbcClient jdbc() {
        return JdbcClient.create(dataSource());
    }
}
