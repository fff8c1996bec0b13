package dev.raworc.command.account;

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
 * each test starts by removing every binding claim.
 */
public final class AdminGuardDatabase {

    private static JdbcClient jdbc;

    private AdminGuardDatabase() {
    }

    public static synchronized JdbcClient jdbc() {
        if (jdbc == null) {
            jdbc = JdbcClient.create(create());
        }
        return jdbc;
    }

    /** Forgets every role binding, so no account is an admin until the test binds one. */
    public static void removeAllBindings() {
        jdbc().sql("DELETE FROM name_claims WHERE kind = 'role-binding'").update();
    }

    private static DataSource create() {
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
        Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }
}
