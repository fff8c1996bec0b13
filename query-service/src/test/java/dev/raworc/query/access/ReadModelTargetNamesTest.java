package dev.raworc.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.testing.TestDatabase;

/** Target names of a process without the command side, from the read models (real PostgreSQL). */
class ReadModelTargetNamesTest {

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final ReadModelTargetNames names = new ReadModelTargetNames(jdbc);
    private final UUID id = UUID.randomUUID();

    @Test
    void roleByIdOrName() {
        jdbc.sql("""
                INSERT INTO roles (id, name, rules, built_in, created_at)
                VALUES (:id, :name, CAST('[]' AS jsonb), FALSE, now())""").param("id", id).param("name", "r-" + id).update();

        assertThat(names.role(id.toString())).contains("r-" + id);
        assertThat(names.role("r-" + id)).contains("r-" + id);
        assertThat(names.role(UUID.randomUUID().toString())).isEmpty();
    }

    /** An id wins over a user named like another account's id. */
    @Test
    void serviceAccountByIdOrUser() {
        UUID other = UUID.randomUUID();
        insertAccount(id, other.toString());
        insertAccount(other, "u-" + other);

        assertThat(names.serviceAccount(other.toString())).contains("u-" + other);
        assertThat(names.serviceAccount(id.toString())).contains(other.toString());
        assertThat(names.serviceAccount("u-" + other)).contains("u-" + other);
        assertThat(names.serviceAccount("nobody-" + id)).isEmpty();
    }

    private void insertAccount(UUID accountId, String user) {
        jdbc.sql("""
                INSERT INTO service_accounts (id, user_name, active, created_at, updated_at)
                VALUES (:id, :user, TRUE, now(), now())""").param("id", accountId).param("user", user).update();
    }
}
