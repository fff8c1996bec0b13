package dev.raworc.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.api.session.ChangeSessionStateCommand;
import dev.raworc.api.session.ClearMessagesCommand;
import dev.raworc.api.session.CloseSessionCommand;
import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.api.session.DeleteSessionCommand;
import dev.raworc.api.session.FailSessionCommand;
import dev.raworc.api.session.FoldedSession;
import dev.raworc.api.session.MarkSessionReadyCommand;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageReceipt;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.PlaceSessionCommand;
import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.api.session.RemixSessionCommand;
import dev.raworc.api.session.RestoreSessionCommand;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionFold;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.api.session.SessionView;
import dev.raworc.api.session.UpdateSessionCommand;
import dev.raworc.platform.content.CheckpointContents;
import dev.raworc.platform.content.Manifests;
import dev.raworc.platform.storage.NameClaims;

/**
 * A session: its lifecycle, enforced by the transition table, and its conversation, whose
 * messages it numbers 1, 2, 3 … (commands on one session are handled one at a time, so numbers
 * have no gaps or duplicates). Streams grow long, so it is cached and snapshotted.
 */
// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("3") // 2: folded by SessionFold, with the runner it is placed on; 3: with its files
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class Session {

    @AggregateIdentifier
    private UUID sessionId;
    private FoldedSession session = FoldedSession.NONE;
    /** The runner the session is placed on; null until one claims it. Not part of the API's view. */
    private String runner;
    @AggregateMember
    private SessionFiles files = new SessionFiles();

    Session() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Session(CreateSessionCommand command, NameClaims names, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        claim(names, command.sessionId(), command.space(), command.name());
        apply(new SessionCreatedEvent(command.sessionId(), command.name(), command.space(), command.image(),
                command.metadata()), by(principal));
    }

    private Session(SessionForkedEvent fork, CheckpointRecordedEvent files, MetaData metaData) {
        apply(fork, metaData);
        if (files != null) {
            apply(files, metaData);
        }
    }

    /** A remix forks this session's history into a new session; this one records nothing. */
    @CommandHandler
    UUID handle(RemixSessionCommand command, NameClaims names, Manifests manifests, CheckpointContents contents,
                @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) throws Exception {
        long lastSeq = session.lastSeq();
        long upTo = command.upToMessageSeq() == null ? lastSeq : command.upToMessageSeq();
        if (upTo < 0 || upTo > lastSeq) {
            throw new DomainException(DomainException.Kind.VALIDATION,
                    "up_to_message_seq must be between 0 and " + lastSeq + ", the last message of the session");
        }
        claim(names, command.sessionId(), session.space(), command.name());
        CheckpointRecordedEvent filesThen = command.copyData() && command.upToMessageSeq() != null
                ? files.remixedAt(command.sessionId(), upTo, command.copyMessages(), manifests) : null;
        SessionForkedEvent fork = new SessionForkedEvent(command.sessionId(), sessionId, upTo, command.copyMessages(),
                command.copyData(), command.name(), session.space(), session.image(),
                command.metadata() == null ? session.metadata() : command.metadata(),
                filesThen == null ? null : filesThen.manifestHash());
        createNew(Session.class, () -> new Session(fork, filesThen, by(principal)));
        if (filesThen != null) {
            contents.keep(command.sessionId(), filesThen.checkpointNo(), filesThen.manifestHash());
        }
        return command.sessionId();
    }

    @CommandHandler
    void handle(UpdateSessionCommand command, NameClaims names) {
        if (command.name() != null && !command.name().equals(session.name())) {
            names.release(NameClaims.Kind.SESSION, sessionId);
            names.claim(NameClaims.Kind.SESSION, command.name(), sessionId, nameTaken(command.name()));
            apply(new SessionRenamedEvent(sessionId, command.name()));
        }
        if (command.metadata() != null && !command.metadata().equals(session.metadata())) {
            apply(new SessionMetadataChangedEvent(sessionId, command.metadata()));
        }
    }

    @CommandHandler
    void handle(ChangeSessionStateCommand command) {
        SessionState state = session.state();
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
        SessionState state = session.state();
        if (state == SessionState.INIT) {
            apply(new SessionReadyEvent(sessionId, command.containerId()));
        }
    }

    /** The runner's report of a failure: a live session becomes ERRORED; others stay as they are. */
    @CommandHandler
    void handle(FailSessionCommand command) {
        SessionState state = session.state();
        if (state.live()) {
            apply(new SessionStateChangedEvent(sessionId, state, SessionState.ERRORED, command.reason()));
        }
    }

    /** Idempotent: closing a closed session changes nothing. */
    @CommandHandler
    void handle(CloseSessionCommand command) {
        SessionState state = session.state();
        if (state == SessionState.CLOSED) {
            return;
        }
        apply(new SessionClosedEvent(sessionId, state));
    }

    /** Idempotent: restoring a live session changes nothing. */
    @CommandHandler
    void handle(RestoreSessionCommand command) {
        SessionState state = session.state();
        if (state.live()) {
            return;
        }
        apply(new SessionRestoredEvent(sessionId, state));
    }

    @CommandHandler
    void handle(DeleteSessionCommand command, NameClaims names, CheckpointContents contents) {
        contents.forget(sessionId);
        names.release(NameClaims.Kind.SESSION, sessionId);
        names.release(NameClaims.Kind.SESSION_IN_SPACE, sessionId);
        apply(new SessionDeletedEvent(sessionId, session.space()));
    }

    /**
     * A USER message to an IDLE session makes it BUSY; to an INIT or BUSY one it waits its turn.
     * A closed or errored session takes no messages until restored.
     */
    @CommandHandler
    MessageReceipt handle(PostMessageCommand command) {
        SessionState state = session.state();
        if (!state.live()) {
            throw DomainException.conflict("Session is " + state.wireName() + "; restore it before posting messages");
        }
        long seq = session.lastSeq() + 1;
        apply(new MessagePostedEvent(sessionId, command.messageId(), seq, command.role(), command.content(),
                command.metadata()));
        MessageReceipt receipt = new MessageReceipt(seq, session.lastActivityAt());
        if (command.role() == MessageRole.USER && state == SessionState.IDLE) {
            apply(new SessionStateChangedEvent(sessionId, SessionState.IDLE, SessionState.BUSY, "message " + seq));
        }
        return receipt;
    }

    @CommandHandler
    void handle(ClearMessagesCommand command) {
        if (session.messageCount() > 0) {
            apply(new MessagesClearedEvent(sessionId, session.lastSeq()));
        }
    }

    /** The session's state is what {@link SessionFold} makes of its events, as the read model's is. */
    @EventSourcingHandler
    void on(Object event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        session = SessionFold.apply(session, event, at, principal);
        sessionId = session.id();
        if (event instanceof SessionDeletedEvent) {
            markDeleted();
        }
    }

    /** The session as the API shows it, equal to what a read of the read model answers once it caught up. */
    SessionView view() {
        return session.view();
    }

    /**
     * The principal, on the event as the aggregate applies it: the event bus adds it only on the
     * way to the store, after this aggregate has folded the event.
     */
    private static MetaData by(String principal) {
        return principal == null ? MetaData.emptyInstance() : MetaData.with(MetaDataKeys.PRINCIPAL, principal);
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

    /** The runner's checkpoint of the files, tied to the newest message. */
    @CommandHandler
    long handle(RecordCheckpointCommand command, CheckpointContents contents) {
        return files.record(command, session.lastSeq(), contents);
    }

    // --- placement on a runner ---

    /** The first claim of a live session places it; a placed or not-live session ignores claims. */
    @CommandHandler
    void handle(PlaceSessionCommand command) {
        if (runner == null && session.state().live()) {
            apply(new SessionPlacedEvent(sessionId, command.runner()));
        }
    }

    /** More specific than the fold's handler, so Axon routes placements here only. */
    @EventSourcingHandler
    void on(SessionPlacedEvent event) {
        this.runner = event.runner();
    }
}
