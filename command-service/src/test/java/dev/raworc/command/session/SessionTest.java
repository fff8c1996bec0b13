package dev.raworc.command.session;

import static dev.raworc.command.DomainRefusals.conflict;
import static dev.raworc.command.DomainRefusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.ChangeSessionStateCommand;
import dev.raworc.api.session.ClearMessagesCommand;
import dev.raworc.api.session.CloseSessionCommand;
import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.api.session.DeleteSessionCommand;
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
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.api.session.SessionView;
import dev.raworc.api.session.UpdateSessionCommand;
import dev.raworc.platform.storage.NameClaims;

class SessionTest {

    private static final String IMAGE = "raworc/agent:1";
    private static final Map<String, Object> METADATA = Map.of("team", "a", "limits", Map.of("cpu", 2),
            "tags", List.of("x", "y"));

    /**
     * The transition table of the spec (api-v0 §6), written out here rather than read from
     * {@link SessionState}, so a wrong table in the code fails these tests.
     */
    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            SessionState.INIT, EnumSet.of(SessionState.IDLE, SessionState.ERRORED, SessionState.CLOSED),
            SessionState.IDLE, EnumSet.of(SessionState.BUSY, SessionState.CLOSED, SessionState.ERRORED),
            SessionState.BUSY, EnumSet.of(SessionState.IDLE, SessionState.CLOSED, SessionState.ERRORED),
            SessionState.CLOSED, EnumSet.of(SessionState.INIT),
            SessionState.ERRORED, EnumSet.of(SessionState.INIT, SessionState.CLOSED));

    private final SessionFixtures fixtures = new SessionFixtures();
    private final NameClaims names = fixtures.names;
    /** Where sessions spawned by a remix are stored: the fixture records only the parent's events. */
    private final InMemoryEventStorageEngine children = new InMemoryEventStorageEngine();
    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    private AggregateTestFixture<Session> fixture;
    private UUID sessionId;
    private String name;
    private String space;

    @BeforeEach
    void setUp() {
        fixture = fixture();
        sessionId = UUID.randomUUID();
        String suffix = sessionId.toString().substring(0, 8);
        name = "session-" + suffix;
        space = "space-" + suffix;
    }

    @AfterEach
    void tearDown() {
        stores.forEach(EmbeddedEventStore::shutDown);
    }

    // --- create ---

    @Test
    void createRecordsTheSessionAndClaimsItsNameAndItsPlaceInTheSpace() {
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, name, space, IMAGE, METADATA))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionCreatedEvent(sessionId, name, space, IMAGE, METADATA));

        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(sessionId);
        assertThat(names.owner(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + sessionId)).contains(sessionId);
    }

    @Test
    void theViewOfANewSessionNamesItsCreatorFromTheCommandAndSortsItsMetadata() {
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, name, space, IMAGE, METADATA), Map.of(MetaDataKeys.PRINCIPAL, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectState(session -> {
                    SessionView view = session.view();
                    assertThat(view.id()).isEqualTo(sessionId);
                    assertThat(view.createdBy()).isEqualTo("alice");
                    assertThat(view.state()).isEqualTo("init");
                    assertThat(view.createdAt()).isEqualTo(view.updatedAt()).isEqualTo(view.lastActivityAt())
                            .isEqualTo(fixture.currentTime().truncatedTo(ChronoUnit.MILLIS));
                    assertThat(view.metadata().keySet()).containsExactly("limits", "tags", "team");
                });
    }

    @Test
    void theViewFollowsTheSessionsEvents() {
        fixture.given(new SessionCreatedEvent(sessionId, name, space, IMAGE, METADATA))
                .when(new ChangeSessionStateCommand(sessionId, SessionState.ERRORED, "crashed"))
                .expectSuccessfulHandlerExecution()
                .expectState(session -> {
                    assertThat(session.view().state()).isEqualTo("errored");
                    assertThat(session.view().stateReason()).isEqualTo("crashed");
                });
    }

    @Test
    void createWithoutANameClaimsOnlyThePlaceInTheSpace() {
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, null, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionCreatedEvent(sessionId, null, space, IMAGE, Map.of()));

        assertThat(names.name(NameClaims.Kind.SESSION, sessionId)).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, sessionId)).contains(space + "/" + sessionId);
    }

    @Test
    void unnamedSessionsDoNotConflict() {
        UUID other = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(other, null, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution();

        fixture().givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, null, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionCreatedEvent(sessionId, null, space, IMAGE, Map.of()));
    }

    @Test
    void createWithATakenNameIsAConflictAndRecordsNothing() {
        UUID owner = UUID.randomUUID();
        names.claim(NameClaims.Kind.SESSION, name, owner, "taken");

        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, name, space, IMAGE, Map.of()))
                .expectException(conflict("A session named '" + name + "' already exists"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(owner);
        assertThat(names.name(NameClaims.Kind.SESSION, sessionId)).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, sessionId)).isEmpty();
    }

    @Test
    void aNameTakenByAnotherKindIsStillFreeForASession() {
        names.claim(NameClaims.Kind.SPACE, name, UUID.randomUUID(), "taken");

        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, name, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionCreatedEvent(sessionId, name, space, IMAGE, Map.of()));
    }

    // --- the transition table ---

    static Stream<Arguments> allowedTransitions() {
        return transitions(true);
    }

    static Stream<Arguments> forbiddenTransitions() {
        return transitions(false);
    }

    private static Stream<Arguments> transitions(boolean allowed) {
        List<Arguments> pairs = new ArrayList<>();
        for (SessionState from : SessionState.values()) {
            for (SessionState to : SessionState.values()) {
                if (ALLOWED.get(from).contains(to) == allowed) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowedTransitions")
    void anAllowedTransitionIsRecordedWithItsReason(SessionState from, SessionState to) {
        fixture.given(inState(from))
                .when(new ChangeSessionStateCommand(sessionId, to, "because " + to))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionStateChangedEvent(sessionId, from, to, "because " + to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("forbiddenTransitions")
    void aForbiddenTransitionIsAConflictNamingTheCurrentState(SessionState from, SessionState to) {
        fixture.given(inState(from))
                .when(new ChangeSessionStateCommand(sessionId, to, "because"))
                .expectException(conflict("Session is " + lower(from) + " and cannot become " + lower(to)))
                .expectNoEvents();
    }

    @Test
    void aTransitionWithoutAReasonRecordsNone() {
        fixture.given(inState(SessionState.INIT))
                .when(new ChangeSessionStateCommand(sessionId, SessionState.IDLE, null))
                .expectEvents(new SessionStateChangedEvent(sessionId, SessionState.INIT, SessionState.IDLE, null));
    }

    @Test
    void theStateIsTheLatestOfAllGivenChanges() {
        // INIT -> IDLE -> BUSY -> IDLE -> ERRORED -> INIT: now INIT, so BUSY is not allowed but IDLE is
        List<Object> history = new ArrayList<>(inState(SessionState.BUSY));
        history.add(changed(SessionState.BUSY, SessionState.IDLE));
        history.add(changed(SessionState.IDLE, SessionState.ERRORED));
        history.add(changed(SessionState.ERRORED, SessionState.INIT));

        fixture.given(history)
                .when(new ChangeSessionStateCommand(sessionId, SessionState.BUSY, null))
                .expectException(conflict("Session is init and cannot become busy"))
                .expectNoEvents();
        fixture().given(history)
                .when(new ChangeSessionStateCommand(sessionId, SessionState.IDLE, null))
                .expectEvents(changed(SessionState.INIT, SessionState.IDLE));
    }

    // --- close and restore ---

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"INIT", "IDLE", "BUSY", "ERRORED"})
    void closeRecordsWhereTheSessionWasClosedFrom(SessionState from) {
        fixture.given(inState(from))
                .when(new CloseSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionClosedEvent(sessionId, from));
    }

    @Test
    void closingAClosedSessionRecordsNothing() {
        fixture.given(inState(SessionState.CLOSED))
                .when(new CloseSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingASessionClosedByAStateChangeRecordsNothing() {
        fixture.given(created(name, METADATA), changed(SessionState.INIT, SessionState.CLOSED))
                .when(new CloseSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"INIT", "IDLE", "BUSY"})
    void restoringALiveSessionRecordsNothing(SessionState state) {
        fixture.given(inState(state))
                .when(new RestoreSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"CLOSED", "ERRORED"})
    void restoreRecordsWhereTheSessionWasRestoredFrom(SessionState from) {
        fixture.given(inState(from))
                .when(new RestoreSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRestoredEvent(sessionId, from));
    }

    @Test
    void aRestoredSessionIsInitAgain() {
        List<Object> history = new ArrayList<>(inState(SessionState.BUSY));
        history.add(new SessionClosedEvent(sessionId, SessionState.BUSY));
        history.add(new SessionRestoredEvent(sessionId, SessionState.CLOSED));

        fixture.given(history)
                .when(new ChangeSessionStateCommand(sessionId, SessionState.BUSY, null))
                .expectException(conflict("Session is init and cannot become busy"))
                .expectNoEvents();
        fixture().given(history)
                .when(new RestoreSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture().given(history)
                .when(new ChangeSessionStateCommand(sessionId, SessionState.IDLE, null))
                .expectEvents(changed(SessionState.INIT, SessionState.IDLE));
    }

    // --- messages ---

    @Test
    void aUserMessageToAnIdleSessionIsNumberedOneAndMakesItBusy() {
        UUID messageId = UUID.randomUUID();

        fixture.given(inState(SessionState.IDLE))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "do it", Map.of("k", "v")))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(receipt(1))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 1, MessageRole.USER, "do it", Map.of("k", "v")),
                        new SessionStateChangedEvent(sessionId, SessionState.IDLE, SessionState.BUSY, "message 1"));
    }

    static Stream<Arguments> postsThatChangeNoState() {
        List<Arguments> cases = new ArrayList<>();
        for (SessionState state : List.of(SessionState.INIT, SessionState.IDLE, SessionState.BUSY)) {
            for (MessageRole role : MessageRole.values()) {
                if (!(state == SessionState.IDLE && role == MessageRole.USER)) {
                    cases.add(Arguments.of(state, role));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} message to {0}")
    @MethodSource("postsThatChangeNoState")
    void otherPostsToALiveSessionRecordOnlyTheMessage(SessionState state, MessageRole role) {
        UUID messageId = UUID.randomUUID();

        fixture.given(inState(state))
                .when(new PostMessageCommand(sessionId, messageId, role, "hello", Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(receipt(1))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 1, role, "hello", Map.of()));
    }

    static Stream<Arguments> postsToASessionThatIsNotLive() {
        List<Arguments> cases = new ArrayList<>();
        for (SessionState state : List.of(SessionState.CLOSED, SessionState.ERRORED)) {
            for (MessageRole role : MessageRole.values()) {
                cases.add(Arguments.of(state, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} message to {0}")
    @MethodSource("postsToASessionThatIsNotLive")
    void aSessionThatIsNotLiveTakesNoMessages(SessionState state, MessageRole role) {
        fixture.given(inState(state))
                .when(new PostMessageCommand(sessionId, UUID.randomUUID(), role, "hello", Map.of()))
                .expectException(conflict("Session is " + lower(state) + "; restore it before posting messages"))
                .expectNoEvents();
    }

    @Test
    void messagesAreNumberedOnFromTheLastGivenOne() {
        List<Object> history = new ArrayList<>(inState(SessionState.IDLE));
        history.add(posted(1, MessageRole.USER));
        history.add(changed(SessionState.IDLE, SessionState.BUSY));
        history.add(posted(2, MessageRole.AGENT));
        history.add(changed(SessionState.BUSY, SessionState.IDLE));
        history.add(posted(3, MessageRole.SYSTEM));
        UUID messageId = UUID.randomUUID();

        fixture.given(history)
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "next", Map.of()))
                .expectResultMessagePayload(receipt(4))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 4, MessageRole.USER, "next", Map.of()),
                        new SessionStateChangedEvent(sessionId, SessionState.IDLE, SessionState.BUSY, "message 4"));
    }

    @Test
    void aQueuedMessageToABusySessionIsNumberedOnWithoutAStateChange() {
        List<Object> history = new ArrayList<>(inState(SessionState.IDLE));
        history.add(posted(1, MessageRole.USER));
        history.add(changed(SessionState.IDLE, SessionState.BUSY));
        UUID messageId = UUID.randomUUID();

        fixture.given(history)
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "queued", Map.of()))
                .expectResultMessagePayload(receipt(2))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 2, MessageRole.USER, "queued", Map.of()));
    }

    @Test
    void clearingKeepsTheNumbering() {
        UUID messageId = UUID.randomUUID();

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT),
                        new MessagesClearedEvent(sessionId, 2))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "after clear", Map.of()))
                .expectResultMessagePayload(receipt(3))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 3, MessageRole.USER, "after clear", Map.of()));
    }

    @Test
    void aRestoredSessionNumbersOn() {
        UUID messageId = UUID.randomUUID();

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), new SessionClosedEvent(sessionId, SessionState.INIT),
                        new SessionRestoredEvent(sessionId, SessionState.CLOSED))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "again", Map.of()))
                .expectResultMessagePayload(receipt(2))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 2, MessageRole.USER, "again", Map.of()));
    }

    // --- clear ---

    @Test
    void clearingAConversationWithoutMessagesRecordsNothing() {
        fixture.given(inState(SessionState.IDLE))
                .when(new ClearMessagesCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void clearRecordsTheLastMessageItClears() {
        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT))
                .when(new ClearMessagesCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MessagesClearedEvent(sessionId, 2));
    }

    @Test
    void clearingAClearedConversationRecordsNothing() {
        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), new MessagesClearedEvent(sessionId, 1))
                .when(new ClearMessagesCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void clearAfterNewMessagesClearsUpToTheLatest() {
        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), new MessagesClearedEvent(sessionId, 1),
                        posted(2, MessageRole.USER), posted(3, MessageRole.AGENT))
                .when(new ClearMessagesCommand(sessionId))
                .expectEvents(new MessagesClearedEvent(sessionId, 3));
    }

    // --- update ---

    @Test
    void renameClaimsTheNewNameAndFreesTheOldOne() {
        String renamed = name + "-new";
        names.claim(NameClaims.Kind.SESSION, name, sessionId, "taken");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, renamed, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRenamedEvent(sessionId, renamed));
        assertThat(names.owner(NameClaims.Kind.SESSION, renamed)).contains(sessionId);
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION, sessionId)).contains(renamed);
    }

    @Test
    void namingAnUnnamedSessionClaimsTheName() {
        fixture.given(created(null, METADATA))
                .when(new UpdateSessionCommand(sessionId, name, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionRenamedEvent(sessionId, name));
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(sessionId);
    }

    @Test
    void renamingToTheCurrentNameRecordsNothingAndKeepsTheClaim() {
        names.claim(NameClaims.Kind.SESSION, name, sessionId, "taken");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, name, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(sessionId);
    }

    @Test
    void renamingToATakenNameIsAConflictAndRecordsNothing() {
        String taken = name + "-taken";
        UUID owner = UUID.randomUUID();
        names.claim(NameClaims.Kind.SESSION, taken, owner, "taken");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, taken, METADATA))
                .expectException(conflict("A session named '" + taken + "' already exists"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SESSION, taken)).contains(owner);
    }

    @Test
    void theLatestNameIsTheOneCompared() {
        String renamed = name + "-new";

        fixture.given(created(name, METADATA), new SessionRenamedEvent(sessionId, renamed))
                .when(new UpdateSessionCommand(sessionId, renamed, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void metadataChangeReplacesTheMetadata() {
        Map<String, Object> changed = Map.of("team", "b");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, null, changed))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionMetadataChangedEvent(sessionId, changed));
    }

    @Test
    void clearingTheMetadataIsAChange() {
        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, null, Map.of()))
                .expectEvents(new SessionMetadataChangedEvent(sessionId, Map.of()));
    }

    @Test
    void equalMetadataRecordsNothing() {
        Map<String, Object> same = new HashMap<>();
        same.put("tags", List.of("x", "y"));
        same.put("limits", Map.of("cpu", 2));
        same.put("team", "a");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, null, same))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void metadataIsComparedWithTheLatest() {
        Map<String, Object> changed = Map.of("team", "b");

        fixture.given(created(name, METADATA), new SessionMetadataChangedEvent(sessionId, changed))
                .when(new UpdateSessionCommand(sessionId, null, Map.of("team", "b")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateGivingNothingRecordsNothing() {
        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateOfBothRecordsTheRenameThenTheMetadata() {
        String renamed = name + "-new";
        Map<String, Object> changed = Map.of("team", "b");

        fixture.given(created(name, METADATA))
                .when(new UpdateSessionCommand(sessionId, renamed, changed))
                .expectEvents(new SessionRenamedEvent(sessionId, renamed), new SessionMetadataChangedEvent(sessionId, changed));
    }

    // --- delete ---

    @ParameterizedTest
    @EnumSource(SessionState.class)
    void deleteFromAnyStateReleasesTheNameAndThePlaceInTheSpace(SessionState state) {
        names.claim(NameClaims.Kind.SESSION, name, sessionId, "taken");
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + sessionId, sessionId, "taken");

        fixture.given(inState(state))
                .when(new DeleteSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionDeletedEvent(sessionId, space))
                .expectMarkedDeleted();
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, sessionId)).isEmpty();
    }

    @Test
    void theNameOfADeletedSessionCanBeTakenAgain() {
        fixture.givenNoPriorActivity()
                .when(new CreateSessionCommand(sessionId, name, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution();
        fixture().given(created(name, Map.of()))
                .when(new DeleteSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution();

        UUID successor = UUID.randomUUID();
        fixture().givenNoPriorActivity()
                .when(new CreateSessionCommand(successor, name, space, IMAGE, Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionCreatedEvent(successor, name, space, IMAGE, Map.of()));
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(successor);
    }

    static Stream<String> commandsOnASession() {
        return Stream.of("update", "state", "close", "restore", "delete", "post", "clear", "remix");
    }

    @ParameterizedTest
    @MethodSource("commandsOnASession")
    void aDeletedSessionTakesNoMoreCommands(String kind) {
        Object command = switch (kind) {
            case "update" -> new UpdateSessionCommand(sessionId, name + "-new", Map.of("a", 1));
            case "state" -> new ChangeSessionStateCommand(sessionId, SessionState.IDLE, null);
            case "close" -> new CloseSessionCommand(sessionId);
            case "restore" -> new RestoreSessionCommand(sessionId);
            case "delete" -> new DeleteSessionCommand(sessionId);
            case "post" -> new PostMessageCommand(sessionId, UUID.randomUUID(), MessageRole.USER, "hi", Map.of());
            case "clear" -> new ClearMessagesCommand(sessionId);
            case "remix" -> new RemixSessionCommand(sessionId, UUID.randomUUID(), null, null, null, true, true);
            default -> throw new IllegalArgumentException(kind);
        };

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), new SessionDeletedEvent(sessionId, space))
                .when(command)
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
        assertThat(childEvents()).isEmpty();
    }

    // --- remix, the parent's side ---

    @Test
    void remixRecordsNothingOnTheParentAndStartsTheChildWithAForkOfEveryMessage() {
        UUID child = UUID.randomUUID();
        String childName = name + "-child";

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT),
                        posted(3, MessageRole.USER))
                .when(new RemixSessionCommand(sessionId, child, childName, null, null, true, true))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(child)
                .expectNoEvents();

        assertThat(childEvents()).containsExactly(new SessionForkedEvent(child, sessionId, 3, true, true, childName, space,
                IMAGE, METADATA, null));
        assertThat(names.owner(NameClaims.Kind.SESSION, childName)).contains(child);
        assertThat(names.owner(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + child)).contains(child);
    }

    @Test
    void remixUpToAMessageWithItsOwnMetadataAndWithoutCopies() {
        UUID child = UUID.randomUUID();
        Map<String, Object> own = Map.of("remix", true);

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT),
                        posted(3, MessageRole.USER))
                .when(new RemixSessionCommand(sessionId, child, null, own, 2L, false, false))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(child)
                .expectNoEvents();

        assertThat(childEvents()).containsExactly(new SessionForkedEvent(child, sessionId, 2, false, false, null, space,
                IMAGE, own, null));
        assertThat(names.name(NameClaims.Kind.SESSION, child)).isEmpty();
        assertThat(names.owner(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + child)).contains(child);
    }

    @Test
    void remixOfASessionWithoutMessagesForksAtZero() {
        UUID child = UUID.randomUUID();

        fixture.given(created(name, METADATA))
                .when(new RemixSessionCommand(sessionId, child, null, null, null, true, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(childEvents()).containsExactly(new SessionForkedEvent(child, sessionId, 0, true, true, null, space,
                IMAGE, METADATA, null));
    }

    @Test
    void remixForksTheLatestNameSpaceAndMetadataOfTheParent() {
        UUID child = UUID.randomUUID();
        Map<String, Object> changed = Map.of("team", "b");

        fixture.given(created(name, METADATA), new SessionMetadataChangedEvent(sessionId, changed), posted(1, MessageRole.USER),
                        new MessagesClearedEvent(sessionId, 1))
                .when(new RemixSessionCommand(sessionId, child, null, null, 1L, true, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(childEvents()).containsExactly(new SessionForkedEvent(child, sessionId, 1, true, true, null, space,
                IMAGE, changed, null));
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"CLOSED", "ERRORED"})
    void aSessionThatIsNotLiveCanStillBeRemixed(SessionState state) {
        UUID child = UUID.randomUUID();

        fixture.given(inState(state))
                .when(new RemixSessionCommand(sessionId, child, null, null, null, true, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(childEvents()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("seqsOutOfRange")
    void remixUpToAMessageThatDoesNotExistIsInvalid(long upTo) {
        UUID child = UUID.randomUUID();

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT))
                .when(new RemixSessionCommand(sessionId, child, name + "-child", null, upTo, true, true))
                .expectException(refusal(DomainException.Kind.VALIDATION,
                        "up_to_message_seq must be between 0 and 2, the last message of the session"))
                .expectNoEvents();

        assertThat(childEvents()).isEmpty();
        assertThat(names.owner(NameClaims.Kind.SESSION, name + "-child")).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, child)).isEmpty();
    }

    static Stream<Long> seqsOutOfRange() {
        return Stream.of(-1L, 3L, Long.MAX_VALUE);
    }

    @Test
    void remixUpToZeroAndUpToTheLastMessageAreValid() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<Object> history = List.of(created(name, METADATA), posted(1, MessageRole.USER), posted(2, MessageRole.AGENT));

        fixture.given(history)
                .when(new RemixSessionCommand(sessionId, first, null, null, 0L, true, true))
                .expectSuccessfulHandlerExecution();
        fixture().given(history)
                .when(new RemixSessionCommand(sessionId, second, null, null, 2L, true, true))
                .expectSuccessfulHandlerExecution();

        assertThat(childEvents(first)).extracting(event -> ((SessionForkedEvent) event).upToMessageSeq()).containsExactly(0L);
        assertThat(childEvents(second)).extracting(event -> ((SessionForkedEvent) event).upToMessageSeq()).containsExactly(2L);
    }

    @Test
    void remixWithATakenNameIsAConflictAndStartsNoChild() {
        UUID child = UUID.randomUUID();
        String taken = name + "-taken";
        UUID owner = UUID.randomUUID();
        names.claim(NameClaims.Kind.SESSION, taken, owner, "taken");

        fixture.given(created(name, METADATA), posted(1, MessageRole.USER))
                .when(new RemixSessionCommand(sessionId, child, taken, null, null, true, true))
                .expectException(conflict("A session named '" + taken + "' already exists"))
                .expectNoEvents();

        assertThat(childEvents()).isEmpty();
        assertThat(names.owner(NameClaims.Kind.SESSION, taken)).contains(owner);
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, child)).isEmpty();
    }

    @Test
    void remixWithTheParentsOwnNameIsAConflict() {
        UUID child = UUID.randomUUID();
        names.claim(NameClaims.Kind.SESSION, name, sessionId, "taken");

        fixture.given(created(name, METADATA))
                .when(new RemixSessionCommand(sessionId, child, name, null, null, true, true))
                .expectException(conflict("A session named '" + name + "' already exists"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).contains(sessionId);
    }

    // --- remix, the child's side ---

    @Test
    void aChildWithCopiedMessagesNumbersOnAfterTheFork() {
        UUID messageId = UUID.randomUUID();

        fixture.given(forked(4, true))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "mine", Map.of()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(receipt(5))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 5, MessageRole.USER, "mine", Map.of()));
    }

    @Test
    void aChildWithoutCopiedMessagesStartsAtOne() {
        UUID messageId = UUID.randomUUID();

        fixture.given(forked(4, false))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.USER, "mine", Map.of()))
                .expectResultMessagePayload(receipt(1))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 1, MessageRole.USER, "mine", Map.of()));
    }

    @Test
    void aChildNumbersOnFromItsOwnMessages() {
        UUID messageId = UUID.randomUUID();

        fixture.given(forked(4, true), new MessagePostedEvent(sessionId, UUID.randomUUID(), 5, MessageRole.USER, "m5", Map.of()))
                .when(new PostMessageCommand(sessionId, messageId, MessageRole.AGENT, "mine", Map.of()))
                .expectResultMessagePayload(receipt(6))
                .expectEvents(new MessagePostedEvent(sessionId, messageId, 6, MessageRole.AGENT, "mine", Map.of()));
    }

    @Test
    void aChildStartsInInit() {
        fixture.given(forked(4, true))
                .when(new ChangeSessionStateCommand(sessionId, SessionState.BUSY, null))
                .expectException(conflict("Session is init and cannot become busy"))
                .expectNoEvents();
        fixture().given(forked(4, true))
                .when(new ChangeSessionStateCommand(sessionId, SessionState.IDLE, null))
                .expectEvents(changed(SessionState.INIT, SessionState.IDLE));
        fixture().given(forked(4, true))
                .when(new RestoreSessionCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void clearingAChildClearsTheCopiedMessagesToo() {
        fixture.given(forked(4, true))
                .when(new ClearMessagesCommand(sessionId))
                .expectEvents(new MessagesClearedEvent(sessionId, 4));
        fixture().given(forked(4, false))
                .when(new ClearMessagesCommand(sessionId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChildKnowsItsSpaceAndName() {
        names.claim(NameClaims.Kind.SESSION, name, sessionId, "taken");
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + sessionId, sessionId, "taken");

        fixture.given(forked(4, true))
                .when(new DeleteSessionCommand(sessionId))
                .expectEvents(new SessionDeletedEvent(sessionId, space))
                .expectMarkedDeleted();
        assertThat(names.owner(NameClaims.Kind.SESSION, name)).isEmpty();
        assertThat(names.name(NameClaims.Kind.SESSION_IN_SPACE, sessionId)).isEmpty();
    }

    @Test
    void aChildCanBeRemixedAgain() {
        UUID grandchild = UUID.randomUUID();

        fixture.given(forked(4, true), new MessagePostedEvent(sessionId, UUID.randomUUID(), 5, MessageRole.USER, "m5", Map.of()))
                .when(new RemixSessionCommand(sessionId, grandchild, null, null, null, true, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();

        assertThat(childEvents(grandchild)).containsExactly(new SessionForkedEvent(grandchild, sessionId, 5, true, true, null,
                space, IMAGE, METADATA, null));
    }

    @Test
    void aChildWithoutCopiesOffersOnlyItsOwnMessagesToARemix() {
        fixture.given(forked(4, false))
                .when(new RemixSessionCommand(sessionId, UUID.randomUUID(), null, null, 4L, true, true))
                .expectException(refusal(DomainException.Kind.VALIDATION,
                        "up_to_message_seq must be between 0 and 0, the last message of the session"))
                .expectNoEvents();
    }

    // --- helpers ---

    private static String lower(SessionState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    private SessionCreatedEvent created(String sessionName, Map<String, Object> metadata) {
        return new SessionCreatedEvent(sessionId, sessionName, space, IMAGE, metadata);
    }

    private SessionForkedEvent forked(long upTo, boolean copyMessages) {
        return new SessionForkedEvent(sessionId, UUID.randomUUID(), upTo, copyMessages, true, name, space, IMAGE, METADATA, null);
    }

    private SessionStateChangedEvent changed(SessionState from, SessionState to) {
        return new SessionStateChangedEvent(sessionId, from, to, null);
    }

    /** What a post answers: the message's number and the fixture's time, which its event carries. */
    private MessageReceipt receipt(long seq) {
        return new MessageReceipt(seq, fixture.currentTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private MessagePostedEvent posted(long seq, MessageRole role) {
        return new MessagePostedEvent(sessionId, UUID.randomUUID(), seq, role, "message " + seq, Map.of());
    }

    /** The events that bring a new session into a state. */
    private List<Object> inState(SessionState state) {
        List<Object> events = new ArrayList<>();
        events.add(created(name, METADATA));
        switch (state) {
            case INIT -> {
            }
            case IDLE -> events.add(changed(SessionState.INIT, SessionState.IDLE));
            case BUSY -> {
                events.add(changed(SessionState.INIT, SessionState.IDLE));
                events.add(changed(SessionState.IDLE, SessionState.BUSY));
            }
            case CLOSED -> events.add(new SessionClosedEvent(sessionId, SessionState.INIT));
            case ERRORED -> events.add(new SessionStateChangedEvent(sessionId, SessionState.INIT, SessionState.ERRORED,
                    "container failed"));
        }
        return events;
    }

    /** Every event stored for sessions spawned by remixes in this test. */
    private List<Object> childEvents() {
        return children.readEvents(null, false).map(Message::getPayload).map(Object.class::cast).toList();
    }

    private List<Object> childEvents(UUID child) {
        return children.readEvents(child.toString(), 0).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    /** A fixture with the real name claims, whose remixes store their new sessions in {@link #children}. */
    private AggregateTestFixture<Session> fixture() {
        return fixtures.fixture(children, stores);
    }
}
