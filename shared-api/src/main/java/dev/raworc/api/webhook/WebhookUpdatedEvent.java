package dev.raworc.api.webhook;

import java.util.List;
import java.util.UUID;

/** The webhook's settings after a change, all of them: a reader needs no earlier event to apply it. */
public record WebhookUpdatedEvent(UUID webhookId, String url, List<String> eventTypes, boolean active) {
}
