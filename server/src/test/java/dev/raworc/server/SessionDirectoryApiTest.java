package dev.raworc.server;

import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.platform.access.SessionDirectory;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.SessionTargets.SessionRef;

/**
 * Both session directories, the command side's (claims and aggregates) and the read model's,
 * give the same answers for sessions made through the API; the command side's is the one used
 * where both run.
 */
class SessionDirectoryApiTest extends SessionsApiTest {

    @Autowired
    private List<SessionDirectory> directories;
    @Autowired
    private SessionDirectory used;
    @Autowired
    private SessionTargets targets;

    @Test
    void bothRunAndTheCommandSidesIsUsed() {
        assertThat(directories).hasSize(2);
        assertThat(used.getClass().getSimpleName()).isEqualTo("AggregateSessionDirectory");
    }

    @Test
    void aLiveSessionIsFoundByIdAndName() {
        String space = unique("space");
        identity.createSpace(space);
        String name = unique("session");
        UUID session = UUID.fromString(id(sessions.create("{\"name\":\"" + name + "\",\"space\":\"" + space + "\"}")));
        SessionRef live = new SessionRef(session, space, false);

        for (SessionDirectory directory : directories) {
            assertThat(directory.byId(session)).as(directory.getClass().getSimpleName()).contains(live);
            assertThat(directory.liveByName(name)).as(directory.getClass().getSimpleName()).contains(live);
        }
        assertThat(targets.live(name)).isEqualTo(live);
    }

    @Test
    void aDeletedSessionIsFoundByIdOnlyAndMarkedDeleted() {
        String name = unique("session");
        UUID session = UUID.fromString(id(sessions.createNamed(name)));
        sessions.delete(session.toString());

        for (SessionDirectory directory : directories) {
            assertThat(directory.byId(session)).as(directory.getClass().getSimpleName())
                    .contains(new SessionRef(session, "default", true));
            assertThat(directory.liveByName(name)).as(directory.getClass().getSimpleName()).isEmpty();
            assertThat(directory.agentTokenValid(session, System.currentTimeMillis())).isFalse();
        }
    }

    @Test
    void unknownIdsAndNamesAreNotFound() {
        UUID role = UUID.fromString(id(SessionApi.ok(identity.post("/roles",
                "{\"name\":\"" + unique("role") + "\",\"rules\":[]}"), 201)));

        for (SessionDirectory directory : directories) {
            assertThat(directory.byId(UUID.randomUUID())).isEmpty();
            assertThat(directory.byId(role)).as("another aggregate's id").isEmpty();
            assertThat(directory.liveByName(unique("nobody"))).isEmpty();
            assertThat(directory.agentTokenValid(UUID.randomUUID(), System.currentTimeMillis())).isFalse();
        }
    }

    @Test
    void anAgentTokenHoldsWhileTheSessionRunsAndOnlyIfIssuedAfterItsLastClose() {
        UUID session = UUID.fromString(id(sessions.create()));
        long beforeClose = System.currentTimeMillis() - 1;
        assertTokens(session, beforeClose, true);

        sessions.close(session.toString());
        assertTokens(session, System.currentTimeMillis() + 1, false);

        SessionApi.ok(identity.post("/sessions/" + session + "/restore", "{}"), 200);
        assertTokens(session, beforeClose, false);
        assertTokens(session, System.currentTimeMillis() + 1, true);
    }

    private void assertTokens(UUID session, long issuedAtMillis, boolean valid) {
        for (SessionDirectory directory : directories) {
            assertThat(directory.agentTokenValid(session, issuedAtMillis)).as(directory.getClass().getSimpleName())
                    .isEqualTo(valid);
        }
    }
}
