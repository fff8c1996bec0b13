package dev.raworc.api.account;

import java.util.UUID;

/** Answers an {@code Optional<ServiceAccountView>}. */
public record FindServiceAccountQuery(UUID accountId) {
}
