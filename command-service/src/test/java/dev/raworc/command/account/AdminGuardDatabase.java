package dev.raworc.command.account;

import javax.sql.DataSource;

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
        DataSource dataSource = TestDatabase.emptyDatabase("admin_guard");
        TestDatabase.migrateAll(dataSource);
        return dataSource;
    }
}
