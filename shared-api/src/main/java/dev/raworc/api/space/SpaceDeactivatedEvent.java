package dev.raworc.api.space;

import java.util.UUID;

public record SpaceDeactivatedEvent(UUID spaceId) {
}
