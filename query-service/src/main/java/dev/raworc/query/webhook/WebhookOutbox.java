package dev.raworc.query.webhook;

import java.util.Set;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookReplayRequestedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.platform.storage.JsonColumns;

/**
 * Turns session events into deliveries: one row per (webhook, event) in {@code webhook_deliveries},
 * which the {@link DeliveryWorker} sends. A side effect, not a read model: it starts at the head of
 * the log, never replays (a rebuild leaves it alone) and is idempotent, as an event may come twice.
 * It keeps its own copy of the webhooks, so it matches each event against them as they were at
 * that point of the log, whatever the read model's progress.
 */
@Component
@ProcessingGroup(WebhookOutbox.GROUP)
@DisallowReplay
class WebhookOutbox {

    static final String GROUP = "webhook-outbox";

    private final JdbcClient jdbc;
    private final EventStore events;
    private final OutboxRows rows;

    WebhookOutbox(JdbcClient jdbc, EventStore events, OutboxRows rows) {
        this.jdbc = jdbc;
        this.events = events;
        this.rows = rows;
    }

    @EventHandler
    void on(WebhookCreatedEvent event) {
        jdbc.sql("""
                INSERT INTO webhook_subscriptions (id, url, event_types, space, active, key_id, nonce, ciphertext)
                VALUES (:id, :url, CAST(:types AS jsonb), :space, true, :keyId, :nonce, :ciphertext)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.webhookId())
                .param("url", event.url())
                .param("types", JsonColumns.write(event.eventTypes()))
                .param("space", event.space())
                .param("keyId", event.signingSecret().keyId())
                .param("nonce", event.signingSecret().nonce())
                .param("ciphertext", event.signingSecret().ciphertext())
                .update();
    }

    /** A change (a fixed URL, say) gives the webhook a fresh start: healthy until a delivery fails again. */
    @EventHandler
    void on(WebhookUpdatedEvent event) {
        jdbc.sql("""
                UPDATE webhook_subscriptions SET url = :url, event_types = CAST(:types AS jsonb), active = :active,
                    failing = false
                WHERE id = :id""")
                .param("id", event.webhookId())
                .param("url", event.url())
                .param("types", JsonColumns.write(event.eventTypes()))
                .param("active", event.active())
                .update();
    }

    @EventHandler
    void on(WebhookDeletedEvent event) {
        jdbc.sql("DELETE FROM webhook_deliveries WHERE webhook_id = :id").param("id", event.webhookId()).update();
        jdbc.sql("DELETE FROM webhook_subscriptions WHERE id = :id").param("id", event.webhookId()).update();
    }

    /**
     * Queues the matching events from the requested position up to this request's own, in log
     * order; those after it reach the webhook as they come anyway. They are new messages (origin:
     * the request's position), so a second replay from the same point delivers them once more.
     */
    @EventHandler
    void on(WebhookReplayRequestedEvent event, TrackingToken token) {
        long requestedAt = token.position().orElseThrow();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(before(event.fromPosition(), token))) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> stored = stream.nextAvailable();
                long position = stored.trackingToken().position().orElseThrow();
                if (position >= requestedAt) {
                    break;
                }
                if (stored instanceof DomainEventMessage<?> domain) {
                    rows.enqueue(domain, position, requestedAt, event.webhookId());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while queuing the replay of webhook " + event.webhookId(), e);
        }
    }

    /** A token of the store's own kind (gap-aware on PostgreSQL) that the stream starts after. */
    private static TrackingToken before(long position, TrackingToken current) {
        if (position <= 0) {
            return null;
        }
        return WrappedToken.unwrapLowerBound(current) instanceof GapAwareTrackingToken
                ? GapAwareTrackingToken.newInstance(position - 1, Set.of())
                : new GlobalSequenceTrackingToken(position - 1);
    }

    /** Every other event: a session's is queued for each webhook that wants it. */
    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        if (message instanceof DomainEventMessage<?> domain) {
            rows.enqueue(domain, token.position().orElseThrow(), OutboxRows.LIVE, null);
        }
    }
}
