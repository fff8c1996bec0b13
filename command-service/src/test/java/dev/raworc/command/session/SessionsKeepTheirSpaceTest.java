package dev.raworc.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.api.session.DeleteSessionCommand;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.platform.content.CheckpointContents;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

class SessionsKeepTheirSpaceTest {

    private final NameClaims names = new NameClaims(TestDatabase.jdbc());
    private final SessionsKeepTheirSpace guard = new SessionsKeepTheirSpace(TestDatabase.jdbc());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSpaceWithoutSessionsIsFreeToGo() {
        assertThat(guard.reasonToKeep(space)).isNull();
    }

    @Test
    void aSessionKeepsItsSpace() {
        UUID session = UUID.randomUUID();
        create(session);

        assertThat(guard.reasonToKeep(space)).isEqualTo("it holds 1 session not deleted");
    }

    @Test
    void theReasonCountsTheSessions() {
        create(UUID.randomUUID());
        create(UUID.randomUUID());
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "/" + UUID.randomUUID(), UUID.randomUUID(), "taken");

        assertThat(guard.reasonToKeep(space)).isEqualTo("it holds 3 sessions not deleted");
    }

    @Test
    void aDeletedSessionNoLongerKeepsItsSpace() {
        UUID kept = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        create(kept);
        create(deleted);

        fixture().given(new SessionCreatedEvent(deleted, null, space, "image", Map.of()))
                .when(new DeleteSessionCommand(deleted))
                .expectSuccessfulHandlerExecution();
        assertThat(guard.reasonToKeep(space)).isEqualTo("it holds 1 session not deleted");

        names.release(NameClaims.Kind.SESSION_IN_SPACE, kept);
        assertThat(guard.reasonToKeep(space)).isNull();
    }

    @Test
    void onlySessionsOfThatVerySpaceCount() {
        // spaces whose names begin like this one's, and other kinds of claims with its name
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "-2/" + UUID.randomUUID(), UUID.randomUUID(), "taken");
        names.claim(NameClaims.Kind.SESSION_IN_SPACE, space + "x/" + UUID.randomUUID(), UUID.randomUUID(), "taken");
        names.claim(NameClaims.Kind.SESSION, space + "/" + UUID.randomUUID(), UUID.randomUUID(), "taken");
        names.claim(NameClaims.Kind.SECRET, space + "/key", UUID.randomUUID(), "taken");

        assertThat(guard.reasonToKeep(space)).isNull();
        assertThat(guard.reasonToKeep(space + "-2")).isEqualTo("it holds 1 session not deleted");
    }

    /** Creates a session in the space the way the aggregate does, claims and all. */
    private void create(UUID session) {
        fixture().givenNoPriorActivity()
                .when(new CreateSessionCommand(session, null, space, "image", Map.of()))
                .expectSuccessfulHandlerExecution();
    }

    private AggregateTestFixture<Session> fixture() {
        AggregateTestFixture<Session> fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(new CheckpointContents(TestDatabase.jdbc()));
        return fixture;
    }
}
