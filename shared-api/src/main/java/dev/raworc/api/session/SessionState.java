package dev.raworc.api.session;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.raworc.api.WireEnums;

/** The lifecycle of a session, with the transitions the API allows. */
public enum SessionState {
    INIT, IDLE, BUSY, CLOSED, ERRORED;

    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            INIT, EnumSet.of(IDLE, ERRORED, CLOSED),
            IDLE, EnumSet.of(BUSY, CLOSED, ERRORED),
            BUSY, EnumSet.of(IDLE, CLOSED, ERRORED),
            CLOSED, EnumSet.of(INIT),
            ERRORED, EnumSet.of(INIT, CLOSED));

    public boolean canMoveTo(SessionState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Whether a container is, or is being, provided for the session. */
    public boolean live() {
        return this == INIT || this == IDLE || this == BUSY;
    }

    /** As written on the wire: lower case. */
    public String wireName() {
        return WireEnums.wireName(this);
    }

    /** Reads a state in any case ({@code idle}, {@code IDLE}). */
    public static Optional<SessionState> parse(String value) {
        return WireEnums.parse(SessionState.class, value);
    }
}
