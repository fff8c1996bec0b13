package dev.raworc.api.secret;

import java.util.UUID;

/** Someone (the event's principal) was shown the value of this secret. */
public record SecretDisclosedEvent(UUID secretId, String space, String key) {
}
