package dev.raworc.api.space;

import java.util.Map;
import java.util.UUID;

public record SpaceSettingsChangedEvent(UUID spaceId, Map<String, Object> settings) {
}
