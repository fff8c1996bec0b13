package dev.raworc.command.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.raworc.api.session.FailSessionCommand;
import dev.raworc.api.session.PlaceSessionCommand;
import dev.raworc.api.session.RestoreSessionCommand;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

class SessionPlacementTest {

    private final AggregateTestFixture<Session> fixture = new AggregateTestFixture<>(Session.class);
    private UUID sessionId;
    private SessionCreatedEvent created;

    @BeforeEach
    void setUp() {
        fixture.registerInjectableResource(new NameClaims(TestDatabase.jdbc()));
        sessionId = UUID.randomUUID();
        created = new SessionCreatedEvent(sessionId, null, "space", "raworc/agent:1", Map.of());
    }

    @Test
    void theFirstClaimPlacesANewSession() {
        fixture.given(created)
                .when(new PlaceSessionCommand(sessionId, "a"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionPlacedEvent(sessionId, "a"));
    }

    @Test
    void aRemixIsPlacedLikeANewSession() {
        fixture.given(new SessionForkedEvent(sessionId, UUID.randomUUID(), 0, false, true, null, "space",
                        "raworc/agent:1", Map.of(), null))
                .when(new PlaceSessionCommand(sessionId, "b"))
                .expectEvents(new SessionPlacedEvent(sessionId, "b"));
    }

    @Test
    void aLaterClaimOfAPlacedSessionChangesNothing() {
        fixture.given(created, new SessionPlacedEvent(sessionId, "a"))
                .when(new PlaceSessionCommand(sessionId, "b"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameRunnerClaimingAgainChangesNothing() {
        fixture.given(created, new SessionPlacedEvent(sessionId, "a"), new SessionReadyEvent(sessionId, "c1"))
                .when(new PlaceSessionCommand(sessionId, "a"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = SessionState.class, names = {"CLOSED", "ERRORED"})
    void aSessionThatIsNotLiveIsNotPlaced(SessionState state) {
        fixture.given(created, new SessionStateChangedEvent(sessionId, SessionState.INIT, state, null))
                .when(new PlaceSessionCommand(sessionId, "a"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** Its files are on its runner's Docker host: a restored session stays there. */
    @Test
    void aRestoredSessionKeepsItsRunner() {
        fixture.given(created, new SessionPlacedEvent(sessionId, "a"),
                        new SessionStateChangedEvent(sessionId, SessionState.INIT, SessionState.ERRORED, "runner_lost"),
                        new SessionRestoredEvent(sessionId, SessionState.ERRORED))
                .when(new PlaceSessionCommand(sessionId, "b"))
                .expectNoEvents();
    }

    @Test
    void aLostRunnersSessionBecomesErrored() {
        fixture.given(created, new SessionPlacedEvent(sessionId, "a"))
                .when(new FailSessionCommand(sessionId, "runner_lost"))
                .expectEvents(new SessionStateChangedEvent(sessionId, SessionState.INIT, SessionState.ERRORED,
                        "runner_lost"));
    }

    @Test
    void aDeletedSessionRefusesTheClaim() {
        fixture.given(created, new SessionDeletedEvent(sessionId, "space"))
                .when(new PlaceSessionCommand(sessionId, "a"))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void restoringAPlacedSessionRecordsOnlyTheRestore() {
        fixture.given(created, new SessionPlacedEvent(sessionId, "a"),
                        new SessionStateChangedEvent(sessionId, SessionState.INIT, SessionState.CLOSED, null))
                .when(new RestoreSessionCommand(sessionId))
                .expectEvents(new SessionRestoredEvent(sessionId, SessionState.CLOSED));
    }
}
