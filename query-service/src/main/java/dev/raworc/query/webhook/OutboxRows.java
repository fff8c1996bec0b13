package dev.raworc.query.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import dev.raworc.api.webhook.SessionEventTypes;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.query.EventWire;

/** Writes the deliveries of one stored event: one row for each active webhook that wants it. */
@Component
class OutboxRows {

    /** The origin of a delivery made as the event came, not by a replay. */
    static final long LIVE = 0;

    /** What a webhook receives: the event as {@code /events} shows it, with where it stands in the log. */
    record WebhookPayload(String type, UUID sessionId, String space, long position, long seq, Instant occurredAt,
                          JsonNode data) {
    }

    private record Subscription(UUID id, String space, List<String> eventTypes) {

        boolean wants(String eventSpace, String type) {
            return (space == null || space.equals(eventSpace)) && (eventTypes.isEmpty() || eventTypes.contains(type));
        }
    }

    private static final TypeReference<List<String>> TYPES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final SessionSpaces spaces;
    private final EventWire wire;
    private final DeliveryWorker worker;

    OutboxRows(JdbcClient jdbc, SessionSpaces spaces, EventWire wire, DeliveryWorker worker) {
        this.jdbc = jdbc;
        this.spaces = spaces;
        this.wire = wire;
        this.worker = worker;
    }

    /**
     * @param origin      {@link #LIVE}, or the position of the replay request
     * @param onlyWebhook the one webhook a replay is for; {@code null}: every webhook
     */
    void enqueue(DomainEventMessage<?> event, long position, long origin, UUID onlyWebhook) {
        if (!SessionEventTypes.isSessionEvent(event.getPayloadType())) {
            return;
        }
        List<Subscription> active = jdbc.sql("""
                SELECT id, space, event_types FROM webhook_subscriptions
                WHERE active AND (CAST(:only AS uuid) IS NULL OR id = :only)""")
                .param("only", onlyWebhook)
                .query((rs, row) -> new Subscription(rs.getObject("id", UUID.class), rs.getString("space"),
                        JsonColumns.read(rs.getString("event_types"), TYPES)))
                .list();
        if (active.isEmpty()) {
            return;
        }
        UUID sessionId = UUID.fromString(event.getAggregateIdentifier());
        String space = spaces.of(sessionId, event.getPayload());
        String type = EventWire.typeName(event.getPayloadType().getName());
        List<Subscription> wanting = active.stream().filter(subscription -> subscription.wants(space, type)).toList();
        if (wanting.isEmpty()) {
            return;
        }
        String body = wire.write(new WebhookPayload(type, sessionId, space, position, event.getSequenceNumber() + 1,
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS), wire.data(event.getPayload())));
        for (Subscription subscription : wanting) {
            jdbc.sql("""
                    INSERT INTO webhook_deliveries (webhook_id, origin, position, message_id, session_id, event_type, body,
                                                    next_attempt_at, created_at)
                    VALUES (:webhook, :origin, :position, :message, :session, :type, :body, now(), now())
                    ON CONFLICT (webhook_id, origin, position) DO NOTHING""")
                    .param("webhook", subscription.id())
                    .param("origin", origin)
                    .param("position", position)
                    .param("message", messageId(subscription.id(), origin, position))
                    .param("session", sessionId)
                    .param("type", type)
                    .param("body", body)
                    .update();
        }
        wakeWorkerAfterCommit();
    }

    /** The same for the same delivery, so an event handled twice makes one message, not two. */
    static String messageId(UUID webhook, long origin, long position) {
        String key = webhook + "/" + origin + "/" + position;
        return "msg_" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private void wakeWorkerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }
}
