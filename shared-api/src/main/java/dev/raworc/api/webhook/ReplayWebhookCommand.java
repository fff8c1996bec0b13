package dev.raworc.api.webhook;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Redeliver every matching event from the global position {@code fromPosition} on. */
public record ReplayWebhookCommand(@TargetAggregateIdentifier UUID webhookId, long fromPosition) {
}
