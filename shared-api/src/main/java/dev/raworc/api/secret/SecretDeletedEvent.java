package dev.raworc.api.secret;

import java.util.UUID;

/** The secret is gone and its data keys destroyed: its values in earlier events cannot be opened. */
public record SecretDeletedEvent(UUID secretId, String space, String key) {
}
