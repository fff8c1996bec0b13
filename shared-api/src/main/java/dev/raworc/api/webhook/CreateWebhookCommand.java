package dev.raworc.api.webhook;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.raworc.api.secret.SecretValue;

/**
 * A new webhook. The server generated its signing secret, which the command carries in plaintext
 * (redacted in logs) so the aggregate can seal it; {@code space == null} makes it global.
 */
public record CreateWebhookCommand(@TargetAggregateIdentifier UUID webhookId, String url, List<String> eventTypes,
                                   String space, SecretValue signingSecret) {
}
