package dev.raworc.api.webhook;

import java.util.List;
import java.util.UUID;

import dev.raworc.api.secret.SealedValue;

/** A new webhook, active. Its signing secret is sealed: the event holds ciphertext and a key id only. */
public record WebhookCreatedEvent(UUID webhookId, String url, List<String> eventTypes, String space,
                                  SealedValue signingSecret) {
}
