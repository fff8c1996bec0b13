package dev.raworc.query.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.webhook.WebhookView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the webhooks, with the status their deliveries give them. */
@Component
class WebhookViews {

    /** The read model beside the delivery's verdict; both tables belong to this module. */
    private static final String WITH_STATUS = """
            (SELECT w.*, coalesce(s.failing, false) AS failing
             FROM webhooks w LEFT JOIN webhook_subscriptions s ON s.id = w.id) webhooks""";
    private static final TypeReference<List<String>> TYPES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    WebhookViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WebhookView> find(UUID id) {
        return jdbc.sql("SELECT * FROM " + WITH_STATUS + " WHERE id = :id").param("id", id)
                .query(WebhookViews::map).optional();
    }

    Page<WebhookView> list(ListScope scope, PageRequest page) {
        return SqlQuery.from(WITH_STATUS).within(scope, "space", "id::text")
                .page(jdbc, "created_at, id", page, WebhookViews::map);
    }

    private static WebhookView map(ResultSet rs, int row) throws SQLException {
        return new WebhookView(rs.getObject("id", UUID.class), rs.getString("url"),
                JsonColumns.read(rs.getString("event_types"), TYPES), rs.getString("space"), rs.getBoolean("active"),
                rs.getBoolean("failing") ? WebhookView.FAILING : WebhookView.HEALTHY,
                SqlTime.toInstant(rs.getTimestamp("created_at")), rs.getString("created_by"));
    }
}
