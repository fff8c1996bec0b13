package dev.raworc.api.session;

import java.util.UUID;

/** A closed or errored session is to get a container again: back to INIT. */
public record SessionRestoredEvent(UUID sessionId, SessionState from) {
}
