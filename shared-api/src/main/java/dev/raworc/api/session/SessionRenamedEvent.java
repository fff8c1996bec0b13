package dev.raworc.api.session;

import java.util.UUID;

public record SessionRenamedEvent(UUID sessionId, String name) {
}
