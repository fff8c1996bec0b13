package dev.raworc.query.access;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.account.ServiceAccountDeletedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;

/**
 * Keeps {@code role_bindings} in step with the binding events, and drops the bindings of a
 * deleted role, account or space with it. Idempotent per event.
 */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class RoleBindingProjection {

    private final JdbcClient jdbc;

    RoleBindingProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoleBindingCreatedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO role_bindings (id, role_id, role_name, principal_id, principal, principal_type, space, created_at)
                VALUES (:id, :roleId, :role, :principalId, :principal, :type, :space, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.bindingId())
                .param("roleId", event.roleId())
                .param("role", event.roleName())
                .param("principalId", event.principalId())
                .param("principal", event.principal())
                .param("type", event.principalType().name())
                .param("space", event.space())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(RoleBindingDeletedEvent event) {
        jdbc.sql("DELETE FROM role_bindings WHERE id = :id").param("id", event.bindingId()).update();
    }

    @EventHandler
    void on(RoleDeletedEvent event) {
        jdbc.sql("DELETE FROM role_bindings WHERE role_id = :id").param("id", event.roleId()).update();
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event) {
        jdbc.sql("DELETE FROM role_bindings WHERE principal_id = :id").param("id", event.accountId()).update();
    }

    @EventHandler
    void on(SpaceDeletedEvent event) {
        jdbc.sql("DELETE FROM role_bindings WHERE space = :space").param("space", event.name()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM role_bindings").update();
    }
}
