package dev.raworc.api.secret;

import java.util.UUID;

/** A new value, sealed under a new data key; the previous value's key is destroyed with it. */
public record SecretValueChangedEvent(UUID secretId, SealedValue value) {
}
