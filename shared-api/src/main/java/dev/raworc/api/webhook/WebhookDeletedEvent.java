package dev.raworc.api.webhook;

import java.util.UUID;

/** The webhook is gone, with its signing secret's data key: nothing is delivered to it any more. */
public record WebhookDeletedEvent(UUID webhookId, String space) {
}
