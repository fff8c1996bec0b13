package dev.raworc.api.webhook;

import java.util.UUID;

/**
 * Every matching event from {@code fromPosition} up to this event's own position is to be delivered
 * again, as new messages; the events after it are delivered as they come anyway.
 */
public record WebhookReplayRequestedEvent(UUID webhookId, long fromPosition) {
}
