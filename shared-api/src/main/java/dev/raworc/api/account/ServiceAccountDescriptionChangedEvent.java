package dev.raworc.api.account;

import java.util.UUID;

public record ServiceAccountDescriptionChangedEvent(UUID accountId, String description) {
}
