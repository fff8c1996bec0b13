package dev.raworc.api.account;

import java.util.UUID;

public record ServiceAccountDeletedEvent(UUID accountId, String user) {
}
