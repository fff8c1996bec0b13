package dev.raworc.query.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.account.FindServiceAccountQuery;
import dev.raworc.api.account.ServiceAccountView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code service_accounts} read model. */
@Component
class ServiceAccountViews {

    private final JdbcClient jdbc;

    ServiceAccountViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<ServiceAccountView> handle(FindServiceAccountQuery query) {
        return jdbc.sql("SELECT * FROM service_accounts WHERE id = :id").param("id", query.accountId())
                .query(ServiceAccountViews::map).optional();
    }

    Optional<ServiceAccountView> findByIdOrUser(String idOrUser) {
        Optional<UUID> id = Ids.parse(idOrUser);
        Optional<ServiceAccountView> byId = id.flatMap(accountId -> handle(new FindServiceAccountQuery(accountId)));
        return byId.isPresent() ? byId : jdbc.sql("SELECT * FROM service_accounts WHERE user_name = :user")
                .param("user", idOrUser).query(ServiceAccountViews::map).optional();
    }

    Page<ServiceAccountView> list(ListScope scope, PageRequest page) {
        return SqlQuery.from("service_accounts").within(scope, null, "user_name")
                .page(jdbc, "created_at, id", page, ServiceAccountViews::map);
    }

    private static ServiceAccountView map(ResultSet rs, int row) throws SQLException {
        return new ServiceAccountView(rs.getObject("id", UUID.class), rs.getString("user_name"),
                rs.getString("description"), rs.getBoolean("active"),
                SqlTime.toInstant(rs.getTimestamp("created_at")), SqlTime.toInstant(rs.getTimestamp("updated_at")),
                SqlTime.toInstant(rs.getTimestamp("last_login_at")));
    }
}
