package dev.raworc.query.secret;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.secret.FindSecretQuery;
import dev.raworc.api.secret.SecretView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code secrets} read model. */
@Component
class SecretViews {

    private final JdbcClient jdbc;

    SecretViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<SecretView> handle(FindSecretQuery query) {
        return find(query.space(), query.key());
    }

    Optional<SecretView> find(String space, String key) {
        return jdbc.sql("SELECT * FROM secrets WHERE space = :space AND key = :key")
                .param("space", space).param("key", key)
                .query(SecretViews::map).optional();
    }

    Page<SecretView> list(String space, ListScope scope, PageRequest page) {
        return SqlQuery.from("secrets").whereEquals("space", space).within(scope, "space", "key")
                .page(jdbc, "key, id", page, SecretViews::map);
    }

    private static SecretView map(ResultSet rs, int row) throws SQLException {
        return new SecretView(rs.getString("key"), rs.getString("space"), rs.getString("description"),
                rs.getString("created_by"), SqlTime.toInstant(rs.getTimestamp("created_at")),
                SqlTime.toInstant(rs.getTimestamp("updated_at")));
    }
}
