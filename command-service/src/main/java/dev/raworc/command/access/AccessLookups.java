package dev.raworc.command.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.access.Rule;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;

/**
 * The command side's own tables of role rules and binding grants, which {@link
 * CommandAccountDirectory} reads: written by the handlers in the transaction of their events,
 * like the name claims. Writes are idempotent, so the start-up backfill and a handler may race.
 */
@Component
class AccessLookups {

    private final JdbcClient jdbc;

    AccessLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void addRole(UUID roleId, String name, List<Rule> rules) {
        jdbc.sql("""
                INSERT INTO role_rules (role_id, name, rules) VALUES (:id, :name, CAST(:rules AS jsonb))
                ON CONFLICT (role_id) DO NOTHING""")
                .param("id", roleId).param("name", name).param("rules", JsonColumns.write(rules))
                .update();
    }

    void replaceRules(UUID roleId, List<Rule> rules) {
        jdbc.sql("UPDATE role_rules SET rules = CAST(:rules AS jsonb) WHERE role_id = :id")
                .param("id", roleId).param("rules", JsonColumns.write(rules)).update();
    }

    /** Its bindings' grants go with it; they stopped counting already when their claims were released. */
    void removeRole(UUID roleId) {
        jdbc.sql("DELETE FROM role_binding_grants WHERE role_id = :id").param("id", roleId).update();
        jdbc.sql("DELETE FROM role_rules WHERE role_id = :id").param("id", roleId).update();
    }

    void addBinding(UUID bindingId, UUID roleId, String roleName, UUID principalId, String space, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO role_binding_grants (binding_id, role_id, role_name, principal_id, space, created_at)
                VALUES (:id, :roleId, :roleName, :principalId, :space, :at)
                ON CONFLICT (binding_id) DO NOTHING""")
                .param("id", bindingId).param("roleId", roleId).param("roleName", roleName)
                .param("principalId", principalId).param("space", space).param("at", SqlTime.of(createdAt))
                .update();
    }

    void removeBinding(UUID bindingId) {
        jdbc.sql("DELETE FROM role_binding_grants WHERE binding_id = :id").param("id", bindingId).update();
    }
}
