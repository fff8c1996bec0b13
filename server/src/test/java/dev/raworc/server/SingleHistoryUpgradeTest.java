package dev.raworc.server;

import static dev.raworc.server.ModuleSchemasTest.tables;
import static dev.raworc.server.ModuleSchemasTest.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.schema.ModuleSchema;
import dev.raworc.platform.schema.SchemaMigrations;
import dev.raworc.platform.testing.TestDatabase;

/**
 * A database from before per-module histories (one flyway_schema_history, versions 1–14 in one
 * sequence) upgrades to per-module baselines and keeps its data; a history it cannot map is refused.
 */
class SingleHistoryUpgradeTest {

    private static final List<ModuleSchema> ALL = List.of(ModuleSchema.PLATFORM, ModuleSchema.COMMAND,
            ModuleSchema.QUERY, ModuleSchema.RUNNER);

    private final DataSource dataSource = TestDatabase.emptyDatabase("single_history");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void theOldHistoryBecomesOneBaselinePerModuleAndLaterMigrationsStillRun() {
        migrateTheOldWay("13");
        jdbc.sql("INSERT INTO name_claims (kind, name, owner_id) VALUES ('space', 'kept', gen_random_uuid())").update();

        SchemaMigrations.migrate(dataSource, ALL);

        assertThat(tables(jdbc)).doesNotContain("flyway_schema_history");
        assertThat(versions(jdbc, ModuleSchema.PLATFORM)).containsExactly("1", "17", "19");
        assertThat(versions(jdbc, ModuleSchema.COMMAND)).containsExactly("6", "15");
        assertThat(versions(jdbc, ModuleSchema.QUERY)).containsExactly("13", "14", "16", "18", "20", "21");
        assertThat(jdbc.sql("SELECT count(*) FROM name_claims WHERE name = 'kept'").query(Long.class).single()).isOne();

        SchemaMigrations.migrate(dataSource, ALL);
        assertThat(versions(jdbc, ModuleSchema.QUERY)).containsExactly("13", "14", "16", "18", "20", "21");
    }

    @Test
    void aFailedOldMigrationIsRefused() {
        migrateTheOldWay("14");
        jdbc.sql("UPDATE flyway_schema_history SET success = false WHERE version = '14'").update();

        assertThatThrownBy(() -> SchemaMigrations.migrate(dataSource, ALL))
                .hasMessageContaining("failed migration (version 14)");
        assertThat(tables(jdbc)).contains("flyway_schema_history").doesNotContain("flyway_history_platform");
    }

    @Test
    void anUnknownOldVersionIsRefused() {
        migrateTheOldWay("14");
        jdbc.sql("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, installed_by, "
                + "execution_time, success) VALUES (99, '15', 'newer', 'SQL', 'V15__newer.sql', 'test', 0, true)").update();

        assertThatThrownBy(() -> SchemaMigrations.migrate(dataSource, ALL))
                .hasMessageContaining("version 15, which this Raworc does not know");
        assertThat(tables(jdbc)).contains("flyway_schema_history").doesNotContain("flyway_history_platform");
    }

    /** The old layout: every module's files in one location sequence and one history table. */
    private void migrateTheOldWay(String target) {
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/platform", "classpath:db/command", "classpath:db/query")
                .target(target).load().migrate();
    }
}
