package dev.raworc.api.space;

import java.util.Map;
import java.util.UUID;

public record SpaceCreatedEvent(UUID spaceId, String name, String description, Map<String, Object> settings) {
}
