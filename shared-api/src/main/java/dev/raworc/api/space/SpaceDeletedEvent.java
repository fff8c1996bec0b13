package dev.raworc.api.space;

import java.util.UUID;

public record SpaceDeletedEvent(UUID spaceId, String name) {
}
