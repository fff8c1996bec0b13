package dev.raworc.query.space;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.space.FindSpaceQuery;
import dev.raworc.api.space.SpaceView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code spaces} read model. */
@Component
class SpaceViews {

    private static final TypeReference<Map<String, Object>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    SpaceViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<SpaceView> handle(FindSpaceQuery query) {
        return jdbc.sql("SELECT * FROM spaces WHERE name = :name").param("name", query.name())
                .query(SpaceViews::map).optional();
    }

    Page<SpaceView> list(Boolean active, ListScope scope, PageRequest page) {
        return SqlQuery.from("spaces").whereEquals("active", active).within(scope, "name", "name")
                .page(jdbc, "created_at, id", page, SpaceViews::map);
    }

    private static SpaceView map(ResultSet rs, int row) throws SQLException {
        return new SpaceView(rs.getString("name"), rs.getString("description"),
                JsonColumns.read(rs.getString("settings"), SETTINGS), rs.getBoolean("active"), rs.getString("created_by"),
                SqlTime.toInstant(rs.getTimestamp("created_at")), SqlTime.toInstant(rs.getTimestamp("updated_at")));
    }
}
