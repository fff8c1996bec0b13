package dev.raworc.query.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.platform.testing.TestDatabase;

class ServiceAccountProjectionTest {

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final ServiceAccountProjection projection = new ServiceAccountProjection(jdbc);
    private final UUID id = UUID.randomUUID();

    @Test
    void createdAccountIsActiveWithMillisecondTimes() {
        Instant at = Instant.parse("2026-11-28T12:00:00.123456Z");

        projection.on(new ServiceAccountCreatedEvent(id, "robot-" + id, "does things"), at);

        Map<String, Object> row = row();
        assertThat(row).containsEntry("user_name", "robot-" + id).containsEntry("description", "does things")
                .containsEntry("active", true).containsEntry("last_login_at", null);
        assertThat(((java.sql.Timestamp) row.get("created_at")).toInstant()).isEqualTo("2026-11-28T12:00:00.123Z");
        assertThat(row.get("updated_at")).isEqualTo(row.get("created_at"));
    }

    @Test
    void loginSetsLastLoginTime() {
        projection.on(new ServiceAccountCreatedEvent(id, "robot-" + id, null), Instant.parse("2026-11-28T12:00:00Z"));

        projection.on(new ServiceAccountLoggedInEvent(id), Instant.parse("2026-11-28T13:00:00.5Z"));

        assertThat(((java.sql.Timestamp) row().get("last_login_at")).toInstant()).isEqualTo("2026-11-28T13:00:00.500Z");
    }

    @Test
    void redeliveredEventChangesNothing() {
        ServiceAccountCreatedEvent created = new ServiceAccountCreatedEvent(id, "robot-" + id, "first");
        projection.on(created, Instant.parse("2026-11-28T12:00:00Z"));

        projection.on(created, Instant.parse("2026-11-28T12:00:01Z"));

        assertThat(jdbc.sql("SELECT count(*) FROM service_accounts WHERE id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(((java.sql.Timestamp) row().get("created_at")).toInstant()).isEqualTo("2026-11-28T12:00:00Z");
    }

    private Map<String, Object> row() {
        return jdbc.sql("SELECT * FROM service_accounts WHERE id = :id").param("id", id).query().singleRow();
    }
}
