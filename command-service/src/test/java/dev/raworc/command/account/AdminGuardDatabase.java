package dev.raworc.command.account;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.testing.TestDatabase;

/**
 * A database of its own, on the test PostgreSQL, for the tests that go through {@link AdminGuard}.
 * The guard asks whether any other active account in the whole database is bound globally to
 * {@code admin}, so "the last admin" only holds where no other test can add admins: here, where
 * each test starts by removing every binding. It is migrated with the command side's migrations
 * and with the query side's, which own {@code role_bindings} (read from the query-service sources,
 * as this module does not depend on that one).
 */
final class AdminGuardDatabase {

    private static final Path QUERY_MIGRATIONS = Path.of("..", "query-service", "src", "main", "resources", "db",
            "migration");

    private static JdbcClient jdbc;

    private AdminGuardDatabase() {
    }

    static synchronized JdbcClient jdbc() {
        if (jdbc == null) {
            jdbc = JdbcClient.create(create());
        }
        return jdbc;
    }

    /** Forgets every role binding, so no account is an admin until the test binds one. */
    static void removeAllBindings() {
        jdbc().sql("DELETE FROM role_bindings").update();
    }

    private static DataSource create() {
        Path queryMigrations = QUERY_MIGRATIONS.toAbsolutePath().normalize();
        if (!Files.isDirectory(queryMigrations)) {
            throw new IllegalStateException("No query-side migrations at " + queryMigrations
                    + " (tests run from the command-service module directory)");
        }
        String name = "admin_guard_" + UUID.randomUUID().toString().replace("-", "");
        TestDatabase.jdbc().sql("CREATE DATABASE " + name).update();
        PGSimpleDataSource server;
        try {
            server = TestDatabase.dataSource().unwrap(PGSimpleDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("The test database is not a plain PostgreSQL data source", e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(server.getServerNames());
        dataSource.setPortNumbers(server.getPortNumbers());
        dataSource.setUser(server.getUser());
        dataSource.setDatabaseName(name);
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "filesystem:" + queryMigrations)
                .load().migrate();
        return dataSource;
    }
}
