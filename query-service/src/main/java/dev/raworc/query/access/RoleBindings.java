package dev.raworc.query.access;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.platform.storage.SqlTime;

/** Reads the {@code role_bindings} read model. */
@Repository
public class RoleBindings {

    private final JdbcClient jdbc;

    RoleBindings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The bindings of one principal, oldest first. */
    public List<RoleBindingView> ofPrincipal(String principal) {
        return jdbc.sql("SELECT * FROM role_bindings WHERE principal = :principal ORDER BY created_at, id")
                .param("principal", principal)
                .query((rs, row) -> new RoleBindingView(
                        rs.getObject("id", java.util.UUID.class),
                        rs.getString("role_name"),
                        rs.getString("principal"),
                        rs.getString("principal_type"),
                        rs.getString("space"),
                        SqlTime.toInstant(rs.getTimestamp("created_at"))))
                .list();
    }
}
