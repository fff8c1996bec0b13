package dev.raworc.api.webhook;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteWebhookCommand(@TargetAggregateIdentifier UUID webhookId) {
}
