package dev.raworc.api.space;

import java.time.Instant;
import java.util.Map;

import dev.raworc.api.SortedKeys;

/** A space as the API shows it; settings keys sorted, so every side answers them in one order. */
public record SpaceView(String name, String description, Map<String, Object> settings, boolean active,
                        String createdBy, Instant createdAt, Instant updatedAt) {

    public SpaceView {
        settings = SortedKeys.of(settings);
    }
}
