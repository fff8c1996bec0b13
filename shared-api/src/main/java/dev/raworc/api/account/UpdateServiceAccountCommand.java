package dev.raworc.api.account;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. */
public record UpdateServiceAccountCommand(@TargetAggregateIdentifier UUID accountId, String description, Boolean active) {
}
