package dev.raworc.platform.schema;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The tables one module owns: its migrations under {@code db/<name>} and its own Flyway history
 * table, so modules never share a version sequence. Migrated in {@link #order()}: a module may
 * rely on the tables of any module before it (the query side's migrations touch
 * {@code token_entry}). New files still take the next number no module has used, which keeps
 * the test of the upgrade from the old single history (all locations in one sequence) possible.
 */
public record ModuleSchema(String name, int order) {

    /** Axon's infrastructure: events, snapshots, tokens, dead letters. Every process migrates it. */
    public static final ModuleSchema PLATFORM = new ModuleSchema("platform", 0);

    /**
     * What the command side writes in its transactions (credentials, name claims, secret keys).
     * Every process migrates it too: platform beans that every process loads (the token filter's
     * credentials, the master key check) read these tables at start.
     */
    public static final ModuleSchema COMMAND = new ModuleSchema("command", 1);

    /**
     * The read models. Every process migrates them as well: the platform's permission checks
     * ({@code AccessGrants}, {@code SessionTargets}), its secret lookups and the runner's
     * reconciliation read them, whatever sides the process runs.
     */
    public static final ModuleSchema QUERY = new ModuleSchema("query", 2);

    /** The runner's own tables; migrated by processes that run the runner. */
    public static final ModuleSchema RUNNER = new ModuleSchema("runner", 3);

    public String historyTable() {
        return "flyway_history_" + name;
    }

    /** A Flyway for this module's migrations and history; callers may add a schema or target. */
    public FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/" + name)
                .table(historyTable())
                // the schema already holds other modules' tables: a module's first migrate starts
                // its history at 0 instead of refusing a non-empty schema
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }
}
