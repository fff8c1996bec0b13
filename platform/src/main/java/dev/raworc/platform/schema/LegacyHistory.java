package dev.raworc.platform.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns the single history of old installations ({@code flyway_schema_history}, versions 1–14 in
 * one sequence) into per-module baselines, each at the highest old version of that module's files,
 * then drops the old table. Refuses a history with failed or unknown migrations.
 */
final class LegacyHistory {

    private static final Logger log = LoggerFactory.getLogger(LegacyHistory.class);

    static final String TABLE = "flyway_schema_history";

    /** The module each old version belongs to; the old sequence ended at 14. */
    private static final Map<Integer, ModuleSchema> OWNERS = Map.ofEntries(
            Map.entry(1, ModuleSchema.PLATFORM),
            Map.entry(2, ModuleSchema.COMMAND), Map.entry(4, ModuleSchema.COMMAND), Map.entry(6, ModuleSchema.COMMAND),
            Map.entry(3, ModuleSchema.QUERY), Map.entry(5, ModuleSchema.QUERY), Map.entry(7, ModuleSchema.QUERY),
            Map.entry(8, ModuleSchema.QUERY), Map.entry(9, ModuleSchema.QUERY), Map.entry(10, ModuleSchema.QUERY),
            Map.entry(11, ModuleSchema.QUERY), Map.entry(12, ModuleSchema.QUERY), Map.entry(13, ModuleSchema.QUERY),
            Map.entry(14, ModuleSchema.QUERY));

    private record Row(String version, String type, boolean success) {
    }

    private LegacyHistory() {
    }

    /** Call with the migration lock held, before any module migrates. */
    static void upgrade(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        if (jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(TABLE).query(Boolean.class).single() != Boolean.TRUE) {
            return;
        }
        List<Row> rows = jdbc.sql("SELECT version, type, success FROM " + TABLE).query(Row.class).list();
        Map<ModuleSchema, Integer> highest = new TreeMap<>((a, b) -> Integer.compare(a.order(), b.order()));
        for (Row row : rows) {
            if (!row.success()) {
                throw refusal("it records a failed migration (version " + row.version() + "); repair the database first");
            }
            if (row.version() == null || "SCHEMA".equals(row.type())) {
                continue;
            }
            ModuleSchema owner = ownerOf(row.version());
            highest.merge(owner, Integer.parseInt(row.version()), Math::max);
        }
        highest.forEach((module, version) -> baseline(dataSource, jdbc, module, version));
        jdbc.sql("DROP TABLE " + TABLE).update();
        log.info("Upgraded the single migration history to per-module histories: {}", highest);
    }

    private static ModuleSchema ownerOf(String version) {
        try {
            ModuleSchema owner = OWNERS.get(Integer.valueOf(version));
            if (owner != null) {
                return owner;
            }
        } catch (NumberFormatException ignored) {
            // not one of ours: refused below like any other unknown version
        }
        throw refusal("it records version " + version + ", which this Raworc does not know");
    }

    /** A module whose history already exists was baselined by an upgrade that stopped before the drop. */
    private static void baseline(DataSource dataSource, JdbcClient jdbc, ModuleSchema module, int version) {
        if (jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(module.historyTable()).query(Boolean.class).single() == Boolean.TRUE) {
            return;
        }
        module.configure(dataSource)
                .baselineVersion(Integer.toString(version))
                .baselineDescription("from " + TABLE)
                .load()
                .baseline();
    }

    private static IllegalStateException refusal(String reason) {
        return new IllegalStateException("Cannot upgrade the database's migration history (" + TABLE + "): " + reason);
    }
}
