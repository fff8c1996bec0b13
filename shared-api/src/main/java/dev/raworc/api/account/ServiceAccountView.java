package dev.raworc.api.account;

import java.time.Instant;
import java.util.UUID;

/** A service account as the API shows it. Never holds password material. */
public record ServiceAccountView(UUID id, String user, String description, boolean active, Instant createdAt,
                                 Instant updatedAt, Instant lastLoginAt) {
}
