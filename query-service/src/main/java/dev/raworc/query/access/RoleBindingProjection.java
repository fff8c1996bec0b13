package dev.raworc.query.access;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.platform.storage.SqlTime;

/** Keeps {@code role_bindings} in step with the role-binding events. Idempotent per event. */
@Component
@ProcessingGroup(RoleBindingProjection.PROCESSING_GROUP)
class RoleBindingProjection {

    static final String PROCESSING_GROUP = "role-bindings";

    private final JdbcClient jdbc;

    RoleBindingProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoleBindingCreatedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO role_bindings (id, role_name, principal, principal_type, space, created_at)
                VALUES (:id, :role, :principal, :type, :space, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.bindingId())
                .param("role", event.roleName())
                .param("principal", event.principal())
                .param("type", event.principalType().name())
                .param("space", event.space())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM role_bindings").update();
    }
}
