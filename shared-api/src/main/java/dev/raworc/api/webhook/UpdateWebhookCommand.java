package dev.raworc.api.webhook;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. */
public record UpdateWebhookCommand(@TargetAggregateIdentifier UUID webhookId, String url, List<String> eventTypes,
                                   Boolean active) {
}
