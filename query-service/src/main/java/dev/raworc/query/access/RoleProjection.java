package dev.raworc.query.access;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.access.RoleCreatedEvent;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.access.RoleRulesReplacedEvent;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;

/** Keeps {@code roles} in step with the role events. Idempotent per event. */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class RoleProjection {

    private final JdbcClient jdbc;

    RoleProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoleCreatedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO roles (id, name, description, rules, built_in, created_at)
                VALUES (:id, :name, :description, CAST(:rules AS jsonb), :builtIn, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.roleId())
                .param("name", event.name())
                .param("description", event.description())
                .param("rules", JsonColumns.write(event.rules()))
                .param("builtIn", event.builtIn())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(RoleRulesReplacedEvent event) {
        jdbc.sql("UPDATE roles SET rules = CAST(:rules AS jsonb) WHERE id = :id")
                .param("id", event.roleId()).param("rules", JsonColumns.write(event.rules())).update();
    }

    @EventHandler
    void on(RoleDeletedEvent event) {
        jdbc.sql("DELETE FROM roles WHERE id = :id").param("id", event.roleId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM roles").update();
    }
}
