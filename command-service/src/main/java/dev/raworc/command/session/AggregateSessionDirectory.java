package dev.raworc.command.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionView;
import dev.raworc.command.AggregateViews;
import dev.raworc.platform.access.SessionDirectory;
import dev.raworc.platform.access.SessionTargets.SessionRef;
import dev.raworc.platform.storage.NameClaims;

/**
 * Sessions as the command side knows them, strongly consistent and without read models: a live
 * session holds a {@code session-in-space} claim ({@code space/id}) and its name's claim; a
 * deleted one released both and is known by its first event; its state is the aggregate's.
 */
@Primary
@Component
class AggregateSessionDirectory implements SessionDirectory {

    private final NameClaims names;
    private final EventStore events;
    private final AggregateViews views;

    AggregateSessionDirectory(NameClaims names, EventStore events, AggregateViews views) {
        this.names = names;
        this.events = events;
        this.views = views;
    }

    @Override
    public Optional<SessionRef> byId(UUID id) {
        Optional<String> claim = names.name(NameClaims.Kind.SESSION_IN_SPACE, id);
        if (claim.isPresent()) {
            return Optional.of(new SessionRef(id, claim.get().substring(0, claim.get().lastIndexOf('/')), false));
        }
        return deleted(id);
    }

    @Override
    public Optional<SessionRef> liveByName(String name) {
        return names.owner(NameClaims.Kind.SESSION, name).flatMap(this::byId).filter(session -> !session.deleted());
    }

    @Override
    public boolean agentTokenValid(UUID sessionId, long issuedAtMillis) {
        SessionView session;
        try {
            session = views.view(Session.class, sessionId, Session::view);
        } catch (DomainException notFoundOrDeleted) {
            return false;
        }
        return SessionState.parse(session.state()).orElseThrow().live()
                && (session.closedAt() == null || session.closedAt().isBefore(Instant.ofEpochMilli(issuedAtMillis)));
    }

    /** A session without claims was deleted, if it ever was a session: its first event says where it lived. */
    private Optional<SessionRef> deleted(UUID id) {
        DomainEventStream stream = events.readEvents(id.toString(), 0L);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        if (first.getPayload() instanceof SessionCreatedEvent created) {
            return Optional.of(new SessionRef(id, created.space(), true));
        }
        return first.getPayload() instanceof SessionForkedEvent forked
                ? Optional.of(new SessionRef(id, forked.space(), true)) : Optional.empty();
    }
}
