package dev.raworc.platform.access;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.access.Rule;
import dev.raworc.platform.storage.JsonColumns;

/**
 * Reads the caller's bindings and their roles' rules as they are now, on every request, so a
 * binding created or deleted applies to tokens already issued.
 */
@Repository
class AccessGrants {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AccessGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<BoundRules> of(UUID accountId) {
        return jdbc.sql("""
                SELECT b.space, r.rules::text AS rules
                FROM role_bindings b JOIN roles r ON r.id = b.role_id
                WHERE b.principal_id = :id""")
                .param("id", accountId)
                .query((rs, row) -> new BoundRules(rs.getString("space"), JsonColumns.read(rs.getString("rules"), RULES)))
                .list();
    }
}
