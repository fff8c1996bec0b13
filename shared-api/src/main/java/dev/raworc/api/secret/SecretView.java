package dev.raworc.api.secret;

import java.time.Instant;

/** A secret as the API shows it by default: metadata only, never the value. */
public record SecretView(String key, String space, String description, String createdBy, Instant createdAt,
                         Instant updatedAt) {
}
