package dev.raworc.api.account;

import java.util.UUID;

/** A new service account. Deliberately carries no password material: that lives outside the log. */
public record ServiceAccountCreatedEvent(UUID accountId, String user, String description) {
}
