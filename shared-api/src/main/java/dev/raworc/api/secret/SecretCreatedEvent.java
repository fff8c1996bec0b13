package dev.raworc.api.secret;

import java.util.UUID;

/** A new secret. Its value is sealed: the event holds ciphertext and a key id only. */
public record SecretCreatedEvent(UUID secretId, String space, String key, String description, SealedValue value) {
}
