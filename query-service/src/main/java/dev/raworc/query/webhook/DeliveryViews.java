package dev.raworc.query.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** A webhook's deliveries, oldest first, each with every attempt made so far. */
@Component
class DeliveryViews {

    /**
     * One message to the webhook. {@code id} is its {@code webhook-id} header; {@code replay} says
     * it redelivers an event; {@code next_attempt_at} is set while it is pending.
     */
    record DeliveryView(String id, String eventType, UUID sessionId, long position, boolean replay, String state,
                        Instant nextAttemptAt, Instant createdAt, List<AttemptView> attempts) {
    }

    /** {@code status_code} is null when no answer came (refused target, timeout, connection error). */
    record AttemptView(int attempt, Instant attemptedAt, Integer statusCode, long latencyMs, String error) {
    }

    private record Row(long key, DeliveryView delivery) {
    }

    private final JdbcClient jdbc;

    DeliveryViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<DeliveryView> of(UUID webhookId, PageRequest page) {
        Page<Row> rows = SqlQuery.from("webhook_deliveries").whereEquals("webhook_id", webhookId)
                .page(jdbc, "id", page, DeliveryViews::map);
        Map<Long, List<AttemptView>> attempts = attemptsOf(rows.items().stream().map(Row::key).toList());
        return rows.map(row -> {
            DeliveryView delivery = row.delivery();
            return new DeliveryView(delivery.id(), delivery.eventType(), delivery.sessionId(), delivery.position(),
                    delivery.replay(), delivery.state(), delivery.nextAttemptAt(), delivery.createdAt(),
                    attempts.getOrDefault(row.key(), List.of()));
        });
    }

    private Map<Long, List<AttemptView>> attemptsOf(List<Long> deliveries) {
        if (deliveries.isEmpty()) {
            return Map.of();
        }
        record Keyed(long delivery, AttemptView attempt) {
        }
        return jdbc.sql("SELECT * FROM webhook_attempts WHERE delivery_id IN (:ids) ORDER BY delivery_id, attempt")
                .param("ids", deliveries)
                .query((rs, n) -> new Keyed(rs.getLong("delivery_id"), new AttemptView(rs.getInt("attempt"),
                        SqlTime.toInstant(rs.getTimestamp("attempted_at")), (Integer) rs.getObject("status_code"),
                        rs.getLong("latency_ms"), rs.getString("error"))))
                .list().stream()
                .collect(Collectors.groupingBy(Keyed::delivery, Collectors.mapping(Keyed::attempt, Collectors.toList())));
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        boolean pending = "pending".equals(rs.getString("state"));
        return new Row(rs.getLong("id"), new DeliveryView(rs.getString("message_id"), rs.getString("event_type"),
                rs.getObject("session_id", UUID.class), rs.getLong("position"), rs.getLong("origin") != 0,
                rs.getString("state"), pending ? SqlTime.toInstant(rs.getTimestamp("next_attempt_at")) : null,
                SqlTime.toInstant(rs.getTimestamp("created_at")), List.of()));
    }
}
