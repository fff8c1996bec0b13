package dev.raworc.api.account;

import java.util.UUID;

public record ServiceAccountActivatedEvent(UUID accountId) {
}
