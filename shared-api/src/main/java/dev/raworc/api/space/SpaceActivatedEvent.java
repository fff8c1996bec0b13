package dev.raworc.api.space;

import java.util.UUID;

public record SpaceActivatedEvent(UUID spaceId) {
}
