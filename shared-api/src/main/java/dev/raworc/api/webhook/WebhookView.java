package dev.raworc.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook as the API shows it; {@code space == null} for a global one. Never its signing secret. */
public record WebhookView(UUID id, String url, List<String> eventTypes, String space, boolean active, String status,
                          Instant createdAt, String createdBy) {

    public static final String HEALTHY = "healthy";
    public static final String FAILING = "failing";
}
