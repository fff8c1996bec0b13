package dev.raworc.query.webhook;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.platform.axon.ReadModelGroups;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;

/** Keeps {@code webhooks}, what GET shows, in step with the webhook events. Idempotent per event. */
@Component
@ProcessingGroup(ReadModelGroups.WEBHOOKS)
class WebhookProjection {

    private final JdbcClient jdbc;

    WebhookProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WebhookCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        jdbc.sql("""
                INSERT INTO webhooks (id, url, event_types, space, active, created_by, created_at)
                VALUES (:id, :url, CAST(:types AS jsonb), :space, true, :by, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.webhookId())
                .param("url", event.url())
                .param("types", JsonColumns.write(event.eventTypes()))
                .param("space", event.space())
                .param("by", principal)
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(WebhookUpdatedEvent event) {
        jdbc.sql("UPDATE webhooks SET url = :url, event_types = CAST(:types AS jsonb), active = :active WHERE id = :id")
                .param("id", event.webhookId())
                .param("url", event.url())
                .param("types", JsonColumns.write(event.eventTypes()))
                .param("active", event.active())
                .update();
    }

    @EventHandler
    void on(WebhookDeletedEvent event) {
        jdbc.sql("DELETE FROM webhooks WHERE id = :id").param("id", event.webhookId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM webhooks").update();
    }
}
