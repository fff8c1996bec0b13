package dev.raworc.api.space;

import java.time.Instant;
import java.util.Map;

public record SpaceView(String name, String description, Map<String, Object> settings, boolean active,
                        String createdBy, Instant createdAt, Instant updatedAt) {
}
