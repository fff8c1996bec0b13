package dev.raworc.query.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.access.FindRoleQuery;
import dev.raworc.api.access.RoleView;
import dev.raworc.api.access.Rule;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code roles} read model. */
@Component
class RoleViews {

    private static final TypeReference<List<Rule>> RULES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    RoleViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<RoleView> handle(FindRoleQuery query) {
        return jdbc.sql("SELECT * FROM roles WHERE id = :id").param("id", query.roleId()).query(RoleViews::map).optional();
    }

    Optional<RoleView> findByIdOrName(String idOrName) {
        Optional<RoleView> byId = Ids.parse(idOrName).flatMap(id -> handle(new FindRoleQuery(id)));
        return byId.isPresent() ? byId : jdbc.sql("SELECT * FROM roles WHERE name = :name")
                .param("name", idOrName).query(RoleViews::map).optional();
    }

    Page<RoleView> list(ListScope scope, PageRequest page) {
        return SqlQuery.from("roles").within(scope, null, "name").page(jdbc, "created_at, id", page, RoleViews::map);
    }

    private static RoleView map(ResultSet rs, int row) throws SQLException {
        return new RoleView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                JsonColumns.read(rs.getString("rules"), RULES), SqlTime.toInstant(rs.getTimestamp("created_at")));
    }
}
