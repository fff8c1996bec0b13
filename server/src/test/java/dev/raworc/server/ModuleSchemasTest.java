package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.schema.ModuleSchema;
import dev.raworc.platform.schema.SchemaMigrations;
import dev.raworc.platform.testing.TestDatabase;

/** Each module owns its tables and keeps its own migration history; a process migrates what it reads. */
class ModuleSchemasTest {

    private static final List<String> PLATFORM_TABLES = List.of("content_blobs", "content_checkpoints", "content_chunks",
            "content_holds", "content_manifest_blobs", "content_manifests", "dead_letter_entry", "domain_event_entry",
            "flyway_history_platform", "snapshot_event_entry", "token_entry");
    private static final List<String> COMMAND_TABLES = List.of("account_credentials", "flyway_history_command",
            "master_key_check", "name_claims", "role_binding_grants", "role_rules", "secret_data_keys");

    @Test
    void eachModuleRecordsOnlyItsOwnMigrationsAndTables() {
        JdbcClient platformOnly = migrated(ModuleSchema.PLATFORM);
        assertThat(tables(platformOnly)).containsExactlyInAnyOrderElementsOf(PLATFORM_TABLES);

        JdbcClient withCommand = migrated(ModuleSchema.PLATFORM, ModuleSchema.COMMAND);
        assertThat(tables(withCommand)).containsExactlyInAnyOrderElementsOf(concat(PLATFORM_TABLES, COMMAND_TABLES));
        assertThat(versions(withCommand, ModuleSchema.PLATFORM)).containsExactly("1", "17", "19");
        assertThat(versions(withCommand, ModuleSchema.COMMAND)).containsExactly("2", "4", "6", "15");

        JdbcClient everyProcess = migrated(ModuleSchema.PLATFORM, ModuleSchema.COMMAND, ModuleSchema.QUERY);
        assertThat(tables(everyProcess)).containsAll(concat(PLATFORM_TABLES, COMMAND_TABLES))
                .contains("flyway_history_query", "service_accounts", "role_bindings", "spaces", "messages", "session_counts",
                        "session_checkpoints", "session_file_writes", "webhooks", "webhook_deliveries", "webhook_attempts");
        assertThat(versions(everyProcess, ModuleSchema.QUERY))
                .containsExactly("3", "5", "7", "8", "9", "10", "11", "12", "13", "14", "16", "18", "20", "21");

        JdbcClient withRunner = migrated(ModuleSchema.PLATFORM, ModuleSchema.COMMAND, ModuleSchema.QUERY, ModuleSchema.RUNNER);
        assertThat(tables(withRunner)).containsExactlyInAnyOrderElementsOf(concat(tables(everyProcess),
                List.of("flyway_history_runner", "runner_heartbeats", "runner_sessions", "runner_volumes")));
        assertThat(versions(withRunner, ModuleSchema.RUNNER)).containsExactly("1", "22");
    }

    @Test
    void processesStartingTogetherOnAnEmptyDatabaseTakeTurns() {
        DataSource dataSource = TestDatabase.emptyDatabase("together");
        List<CompletableFuture<Void>> starts = List.of(
                CompletableFuture.runAsync(() -> SchemaMigrations.migrate(dataSource, List.of(ModuleSchema.PLATFORM, ModuleSchema.COMMAND, ModuleSchema.QUERY))),
                CompletableFuture.runAsync(() -> SchemaMigrations.migrate(dataSource, List.of(ModuleSchema.PLATFORM))),
                CompletableFuture.runAsync(() -> SchemaMigrations.migrate(dataSource, List.of(ModuleSchema.PLATFORM, ModuleSchema.COMMAND, ModuleSchema.QUERY))));

        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();

        assertThat(versions(JdbcClient.create(dataSource), ModuleSchema.QUERY)).hasSize(14);
    }

    /** Every process migrates what the platform's beans read, so a query-only process may start first. */
    @Test
    void aQueryOnlyProcessStartsFirstOnAnEmptyDatabase() {
        DataSource dataSource = TestDatabase.emptyDatabase("query_first");
        try (ConfigurableApplicationContext server = ServerProcess.start(ServerProcess.newDataDirectory("query-first"),
                "--RAWORC_DATABASE_URL=" + ((PGSimpleDataSource) dataSource).getUrl(), "--RAWORC_DATABASE_USER=postgres",
                "--raworc.jwt-secret=query-first-jwt-secret-long-enough-for-hs256",
                "--raworc.master-key=" + TestVault.MASTER_KEY, "--raworc.sides=query")) {
            assertThat(ServerProcess.api(server).get("/api/v0/health", null).json().at("/checks/database").asString()).isEqualTo("UP");
        }
        assertThat(tables(JdbcClient.create(dataSource))).contains("flyway_history_query", "master_key_check");
    }

    private static JdbcClient migrated(ModuleSchema... modules) {
        DataSource dataSource = TestDatabase.emptyDatabase("modules");
        SchemaMigrations.migrate(dataSource, List.of(modules));
        return JdbcClient.create(dataSource);
    }

    static List<String> tables(JdbcClient jdbc) {
        return jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list();
    }

    static List<String> versions(JdbcClient jdbc, ModuleSchema module) {
        return jdbc.sql("SELECT version FROM " + module.historyTable() + " WHERE version <> '0' AND success ORDER BY installed_rank")
                .query(String.class).list();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
