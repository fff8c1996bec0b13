package dev.raworc.query.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.access.FindRoleBindingQuery;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code role_bindings} read model. */
@Component
public class RoleBindingViews {

    /** Filters of the binding list; {@code null} leaves one out. */
    record Filter(String principal, String roleName, String space) {
    }

    private final JdbcClient jdbc;

    RoleBindingViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<RoleBindingView> handle(FindRoleBindingQuery query) {
        return jdbc.sql("SELECT * FROM role_bindings WHERE id = :id").param("id", query.bindingId())
                .query(RoleBindingViews::map).optional();
    }

    /** The bindings of one account, oldest first. */
    public List<RoleBindingView> ofAccount(UUID accountId) {
        return jdbc.sql("SELECT * FROM role_bindings WHERE principal_id = :id ORDER BY created_at, id")
                .param("id", accountId).query(RoleBindingViews::map).list();
    }

    Page<RoleBindingView> list(Filter filter, ListScope scope, PageRequest page) {
        return SqlQuery.from("role_bindings")
                .whereEquals("principal", filter.principal())
                .whereEquals("role_name", filter.roleName())
                .whereEquals("space", filter.space())
                .within(scope, null, "id::text")
                .page(jdbc, "created_at, id", page, RoleBindingViews::map);
    }

    private static RoleBindingView map(ResultSet rs, int row) throws SQLException {
        return new RoleBindingView(rs.getObject("id", UUID.class), rs.getString("role_name"), rs.getString("principal"),
                PrincipalType.valueOf(rs.getString("principal_type")), rs.getString("space"),
                SqlTime.toInstant(rs.getTimestamp("created_at")));
    }
}
