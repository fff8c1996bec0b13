package dev.raworc.platform.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Migrates the given modules, platform first, under one PostgreSQL advisory lock: processes that
 * start together on an empty database take turns instead of racing to create the same tables.
 */
public final class SchemaMigrations {

    /** The advisory lock's key: any constant no other code locks on ("raworc" in ASCII). */
    static final long LOCK = 0x7261776f7263L;

    private SchemaMigrations() {
    }

    public static void migrate(DataSource dataSource, Collection<ModuleSchema> modules) {
        try (Connection lock = dataSource.getConnection()) {
            run(lock, "SELECT pg_advisory_lock(?)");
            try {
                LegacyHistory.upgrade(dataSource);
                modules.stream()
                        .distinct()
                        .sorted(Comparator.comparingInt(ModuleSchema::order))
                        .map(module -> module.configure(dataSource).load())
                        // a module without migrations yet (the runner's) needs no history table
                        .filter(flyway -> flyway.info().all().length > 0)
                        .forEach(Flyway::migrate);
            } finally {
                run(lock, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the database for its migrations", e);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            statement.execute();
        }
    }
}
