package dev.raworc.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.schema.ModuleSchema;
import dev.raworc.platform.testing.TestDatabase;

/**
 * An installation that projected with "sessions" and "directory" upgrades to "catalog": the old
 * groups' tokens go and their read models start empty, so the new group rebuilds them from the
 * events; the messages and their processor's position stay.
 */
class CatalogMigrationTest {

    private final DataSource dataSource = TestDatabase.dataSource();
    private final String schema = "upgrade_" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void theOldGroupsStartOverAsOneAndTheMessagesStay() {
        migrate("13");
        for (String processor : new String[] {"sessions", "directory", "messages"}) {
            jdbc.sql("INSERT INTO " + schema + ".token_entry (processor_name, segment) VALUES (?, 0)").param(processor).update();
        }
        jdbc.sql("INSERT INTO " + schema + ".spaces (id, name, settings, active, created_at, updated_at) "
                + "VALUES (gen_random_uuid(), 'kept-before', '{}', true, now(), now())").update();
        jdbc.sql("INSERT INTO " + schema + ".session_counts (space, state, sessions) VALUES ('kept-before', 'idle', 3)").update();
        jdbc.sql("INSERT INTO " + schema + ".messages (id, session_id, seq, role, content, metadata, created_at) "
                + "VALUES (gen_random_uuid(), gen_random_uuid(), 1, 'USER', 'hello', '{}', now())").update();

        migrate("14");

        assertThat(jdbc.sql("SELECT processor_name FROM " + schema + ".token_entry").query(String.class).list())
                .containsExactly("messages");
        assertThat(count("spaces")).isZero();
        assertThat(count("session_counts")).isZero();
        assertThat(count("messages")).isOne();
    }

    private void migrate(String version) {
        ModuleSchema.PLATFORM.configure(dataSource).schemas(schema).load().migrate();
        ModuleSchema.QUERY.configure(dataSource).schemas(schema).target(version).load().migrate();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + schema + "." + table).query(Long.class).single();
    }
}
