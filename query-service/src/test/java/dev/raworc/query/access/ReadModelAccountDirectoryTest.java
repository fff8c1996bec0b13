package dev.raworc.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.access.AccountAccess;
import dev.raworc.platform.testing.TestDatabase;

/** The directory of a process without the command side, over the query side's read models (real PostgreSQL). */
class ReadModelAccountDirectoryTest {

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final ReadModelAccountDirectory directory = new ReadModelAccountDirectory(jdbc);
    private final UUID accountId = UUID.randomUUID();
    private final String user = "read-" + accountId;
    private final UUID roleId = UUID.randomUUID();

    @Test
    void answersTheAccountWithItsGenerationAndBindingsOldestFirst() {
        jdbc.sql("""
                INSERT INTO service_accounts (id, user_name, active, generation, created_at, updated_at)
                VALUES (:id, :user, FALSE, 3, now(), now())""").param("id", accountId).param("user", user).update();
        jdbc.sql("""
                INSERT INTO roles (id, name, rules, built_in, created_at)
                VALUES (:id, :name, CAST('[{"verbs":["get"]}]' AS jsonb), FALSE, now())""")
                .param("id", roleId).param("name", "role-" + roleId).update();
        bind("b", Instant.parse("2026-12-01T10:00:01Z"));
        bind(null, Instant.parse("2026-12-01T10:00:00Z"));

        AccountAccess access = directory.find(accountId).orElseThrow();

        assertThat(access.user()).isEqualTo(user);
        assertThat(access.active()).isFalse();
        assertThat(access.generation()).isEqualTo(3);
        assertThat(access.grants()).extracting(AccountAccess.Grant::space).containsExactly(null, "b");
        assertThat(access.grants().get(0).rulesJson()).contains("\"get\"");
    }

    @Test
    void unknownAccountIsEmpty() {
        assertThat(directory.find(UUID.randomUUID())).isEmpty();
    }

    private void bind(String space, Instant at) {
        jdbc.sql("""
                INSERT INTO role_bindings (id, role_id, role_name, principal_id, principal, principal_type, space, created_at)
                VALUES (:id, :roleId, :role, :principalId, :principal, 'ServiceAccount', :space, :at)""")
                .param("id", UUID.randomUUID()).param("roleId", roleId).param("role", "role-" + roleId)
                .param("principalId", accountId).param("principal", user).param("space", space)
                .param("at", Timestamp.from(at)).update();
    }
}
