package dev.raworc.api.space;

import java.util.UUID;

public record SpaceDescriptionChangedEvent(UUID spaceId, String description) {
}
