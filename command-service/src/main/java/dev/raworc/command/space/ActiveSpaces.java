package dev.raworc.command.space;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.storage.NameClaims;

/**
 * Whether a space takes new sessions, from the command side's own state (its name claim and the
 * space aggregate), so a command-only process needs no query side to decide.
 */
@Component
public class ActiveSpaces {

    public enum State { MISSING, ACTIVE, INACTIVE }

    private final NameClaims names;
    private final AggregateViews views;

    ActiveSpaces(NameClaims names, AggregateViews views) {
        this.names = names;
        this.views = views;
    }

    public State of(String space) {
        UUID id = names.owner(NameClaims.Kind.SPACE, space).orElse(null);
        if (id == null) {
            return State.MISSING;
        }
        try {
            return views.view(Space.class, id, Space::active) ? State.ACTIVE : State.INACTIVE;
        } catch (DomainException deletedMeanwhile) {
            return State.MISSING;
        }
    }
}
