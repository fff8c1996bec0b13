package dev.raworc.command.webhook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.webhook.CreateWebhookCommand;
import dev.raworc.api.webhook.DeleteWebhookCommand;
import dev.raworc.api.webhook.ReplayWebhookCommand;
import dev.raworc.api.webhook.SessionEventTypes;
import dev.raworc.api.webhook.UpdateWebhookCommand;
import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookReplayRequestedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.api.webhook.WebhookView;
import dev.raworc.platform.crypto.SecretVault;

/**
 * A webhook: where session events go, which of them, and the secret that signs them. The secret's
 * plaintext exists only in the create command; the vault seals it under a data key of its own,
 * destroyed when the webhook is deleted.
 */
// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class Webhook {

    /**
     * The vault files data keys by space, to shred a deleted space's secrets. A webhook's key is
     * filed apart from every space (no space name has parentheses): it lives until the webhook goes.
     */
    static final String KEY_SPACE = "(webhooks)";

    @AggregateIdentifier
    private UUID webhookId;
    private String url;
    private List<String> eventTypes;
    private String space;
    private boolean active;
    private String createdBy;
    private Instant createdAt;

    Webhook() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Webhook(CreateWebhookCommand command, SecretVault vault) {
        List<String> types = checkedTypes(command.eventTypes());
        SealedValue sealed = vault.seal(command.webhookId(), KEY_SPACE, command.signingSecret());
        apply(new WebhookCreatedEvent(command.webhookId(), command.url(), types, command.space(), sealed));
    }

    @CommandHandler
    void handle(UpdateWebhookCommand command) {
        String newUrl = command.url() == null ? url : command.url();
        List<String> newTypes = command.eventTypes() == null ? eventTypes : checkedTypes(command.eventTypes());
        boolean newActive = command.active() == null ? active : command.active();
        if (!newUrl.equals(url) || !newTypes.equals(eventTypes) || newActive != active) {
            apply(new WebhookUpdatedEvent(webhookId, newUrl, newTypes, newActive));
        }
    }

    @CommandHandler
    void handle(DeleteWebhookCommand command, SecretVault vault) {
        vault.shredSecret(webhookId);
        apply(new WebhookDeletedEvent(webhookId, space));
    }

    @CommandHandler
    void handle(ReplayWebhookCommand command) {
        if (command.fromPosition() < 0) {
            throw DomainException.malformed("from: must be a global position, 0 or more");
        }
        if (!active) {
            throw DomainException.conflict("Webhook " + webhookId + " is not active: activate it before a replay");
        }
        apply(new WebhookReplayRequestedEvent(webhookId, command.fromPosition()));
    }

    /** The webhook as a write answers it: a change has just cleared any earlier failing status. */
    WebhookView view() {
        return new WebhookView(webhookId, url, eventTypes, space, active, WebhookView.HEALTHY, createdAt, createdBy);
    }

    String space() {
        return space;
    }

    /** Sorted and without repeats, so that equal filters compare equal whatever order they came in. */
    private static List<String> checkedTypes(List<String> types) {
        List<String> unknown = types.stream().filter(type -> type == null || !SessionEventTypes.NAMES.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION, "event_types: " + unknown
                    + " are not session event types; known are " + SessionEventTypes.NAMES.stream().sorted().toList());
        }
        return types.stream().distinct().sorted().toList();
    }

    @EventSourcingHandler
    void on(WebhookCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        this.webhookId = event.webhookId();
        this.url = event.url();
        this.eventTypes = event.eventTypes();
        this.space = event.space();
        this.active = true;
        this.createdBy = principal;
        // the millisecond precision the read model stores, so both sides answer alike
        this.createdAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    @EventSourcingHandler
    void on(WebhookUpdatedEvent event) {
        this.url = event.url();
        this.eventTypes = event.eventTypes();
        this.active = event.active();
    }

    @EventSourcingHandler
    void on(WebhookDeletedEvent event) {
        markDeleted();
    }
}
