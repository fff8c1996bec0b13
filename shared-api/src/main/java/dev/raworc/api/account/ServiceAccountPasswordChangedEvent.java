package dev.raworc.api.account;

import java.util.UUID;

/** The password changed. Like every event, it carries no password material. */
public record ServiceAccountPasswordChangedEvent(UUID accountId) {
}
