package dev.raworc.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.session.ChangeSessionStateCommand;
import dev.raworc.api.session.ClearMessagesCommand;
import dev.raworc.api.session.CloseSessionCommand;
import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.api.session.DeleteSessionCommand;
import dev.raworc.api.session.FailSessionCommand;
import dev.raworc.api.session.MarkSessionReadyCommand;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageReceipt;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.api.session.RemixSessionCommand;
import dev.raworc.api.session.RestoreSessionCommand;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.api.session.UpdateSessionCommand;
import dev.raworc.platform.storage.NameClaims;

/**
 * A session: its lifecycle, enforced by the transition table, and its conversation, whose
 * messages it numbers 1, 2, 3 … (commands on one session are handled one at a time, so numbers
 * have no gaps or duplicates). Streams grow long, so it is cached and snapshotted.
 */
// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class Session {

    @AggregateIdentifier
    private UUID sessionId;
    private String name;
    private String space;
    private String image;
    private Map<String, Object> metadata;
    private SessionState state;
    private long lastSeq;
    /** When the newest message's event was recorded: a post answers with it. */
    private Instant lastPostedAt;
    private long clearedUpTo;

    Session() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Session(CreateSessionCommand command, NameClaims names) {
        claim(names, command.sessionId(), command.space(), command.name());
        apply(new SessionCreatedEvent(command.sessionId(), command.name(), command.space(), command.image(),
                command.metadata()));
    }

    private Session(SessionForkedEvent fork) {
        apply(fork);
    }

    /** A remix forks this session's history into a new session; this one records nothing. */
    @CommandHandler
    UUID handle(RemixSessionCommand command, NameClaims names) throws Exception {
        long upTo = command.upToMessageSeq() == null ? lastSeq : command.upToMessageSeq();
        if (upTo < 0 || upTo > lastSeq) {
            throw new DomainException(DomainException.Kind.VALIDATION,
                    "up_to_message_seq must be between 0 and " + lastSeq + ", the last message of the session");
        }
        claim(names, command.sessionId(), space, command.name());
        SessionForkedEvent fork = new SessionForkedEvent(command.sessionId(), sessionId, upTo, command.copyMessages(),
                command.copyData(), command.name(), space, image,
                command.metadata() == null ? metadata : command.metadata());
        createNew(Session.class, () -> new Session(fork));
        return command.sessionId();
    }

    @CommandHandler
    void handle(UpdateSessionCommand command, NameClaims names) {
        if (command.name() != null && !command.name().equals(name)) {
            names.release(NameClaims.Kind.SESSION, sessionId);
            names.claim(NameClaims.Kind.SESSION, command.name(), sessionId, nameTaken(command.name()));
            apply(new SessionRenamedEvent(sessionId, command.name()));
        }
        if (command.metadata() != null && !command.metadata().equals(metadata)) {
            apply(new SessionMetadataChangedEvent(sessionId, command.metadata()));
        }
    }

    @CommandHandler
    void handle(ChangeSessionStateCommand command) {
        if (!state.canMoveTo(command.state())) {
            throw DomainException.conflict("Session is " + state.wireName() + " and cannot become "
                    + command.state().wireName());
        }
        apply(new SessionStateChangedEvent(sessionId, state, command.state(), command.reason()));
    }

    /**
     * The runner's report that the container runs. Only an INIT session becomes IDLE; a report
     * that comes late (the session was closed meanwhile, or reported twice) changes nothing.
     */
    @CommandHandler
    void handle(MarkSessionReadyCommand command) {
        if (state == SessionState.INIT) {
            apply(new SessionReadyEvent(sessionId, command.containerId()));
        }
    }

    /** The runner's report of a failure: a live session becomes ERRORED; others stay as they are. */
    @CommandHandler
    void handle(FailSessionCommand command) {
        if (state.live()) {
            apply(new SessionStateChangedEvent(sessionId, state, SessionState.ERRORED, command.reason()));
        }
    }

    /** Idempotent: closing a closed session changes nothing. */
    @CommandHandler
    void handle(CloseSessionCommand command) {
        if (state == SessionState.CLOSED) {
            return;
        }
        apply(new SessionClosedEvent(sessionId, state));
    }

    /** Idempotent: restoring a live session changes nothing. */
    @CommandHandler
    void handle(RestoreSessionCommand command) {
        if (state.live()) {
            return;
        }
        apply(new SessionRestoredEvent(sessionId, state));
    }

    @CommandHandler
    void handle(DeleteSessionCommand command, NameClaims names) {
        names.release(NameClaims.Kind.SESSION, sessionId);
        names.release(NameClaims.Kind.SESSION_IN_SPACE, sessionId);
        apply(new SessionDeletedEvent(sessionId, space));
    }

    /**
     * A USER message to an IDLE session makes it BUSY; to an INIT or BUSY one it waits its turn.
     * A closed or errored session takes no messages until restored.
     */
    @CommandHandler
    MessageReceipt handle(PostMessageCommand command) {
        if (!state.live()) {
            throw DomainException.conflict("Session is " + state.wireName() + "; restore it before posting messages");
        }
        long seq = lastSeq + 1;
        apply(new MessagePostedEvent(sessionId, command.messageId(), seq, command.role(), command.content(),
                command.metadata()));
        MessageReceipt receipt = new MessageReceipt(seq, lastPostedAt);
        if (command.role() == MessageRole.USER && state == SessionState.IDLE) {
            apply(new SessionStateChangedEvent(sessionId, SessionState.IDLE, SessionState.BUSY, "message " + seq));
        }
        return receipt;
    }

    @CommandHandler
    void handle(ClearMessagesCommand command) {
        if (lastSeq > clearedUpTo) {
            apply(new MessagesClearedEvent(sessionId, lastSeq));
        }
    }

    @EventSourcingHandler
    void on(SessionCreatedEvent event) {
        begin(event.sessionId(), event.name(), event.space(), event.image(), event.metadata());
    }

    @EventSourcingHandler
    void on(SessionForkedEvent event) {
        begin(event.sessionId(), event.name(), event.space(), event.image(), event.metadata());
        this.lastSeq = event.copyMessages() ? event.upToMessageSeq() : 0;
    }

    private void begin(UUID id, String name, String space, String image, Map<String, Object> metadata) {
        this.sessionId = id;
        this.name = name;
        this.space = space;
        this.image = image;
        this.metadata = metadata;
        this.state = SessionState.INIT;
    }

    @EventSourcingHandler
    void on(SessionRenamedEvent event) {
        this.name = event.name();
    }

    @EventSourcingHandler
    void on(SessionMetadataChangedEvent event) {
        this.metadata = event.metadata();
    }

    @EventSourcingHandler
    void on(SessionStateChangedEvent event) {
        this.state = event.to();
    }

    @EventSourcingHandler
    void on(SessionReadyEvent event) {
        this.state = SessionState.IDLE;
    }

    @EventSourcingHandler
    void on(SessionClosedEvent event) {
        this.state = SessionState.CLOSED;
    }

    @EventSourcingHandler
    void on(SessionRestoredEvent event) {
        this.state = SessionState.INIT;
    }

    @EventSourcingHandler
    void on(MessagePostedEvent event, @Timestamp Instant postedAt) {
        this.lastSeq = event.seq();
        this.lastPostedAt = postedAt;
    }

    @EventSourcingHandler
    void on(MessagesClearedEvent event) {
        this.clearedUpTo = event.upToSeq();
    }

    @EventSourcingHandler
    void on(SessionDeletedEvent event) {
        markDeleted();
    }

    private static void claim(NameClaims names, UUID sessionId, String space, String name) {
        if (name != null) {
            names.claim(NameClaims.Kind.SESSION, name, sessionId, nameTaken(name));
        }
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + sessionId, sessionId, "Session " + sessionId + " exists");
    }

    private static String nameTaken(String name) {
        return "A session named '" + Objects.requireNonNull(name) + "' already exists";
    }
}
