package dev.raworc.api.secret;

import java.util.UUID;

public record SecretDescriptionChangedEvent(UUID secretId, String description) {
}
