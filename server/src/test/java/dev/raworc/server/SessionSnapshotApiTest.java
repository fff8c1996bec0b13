package dev.raworc.server;

import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.raworc.server.ApiClient.Response;

/** A long session is snapshotted as revision 3 (its folded state and its files) and loads from it as it was. */
class SessionSnapshotApiTest extends SessionsApiTest {

    @Autowired
    Cache aggregateCache;

    @Test
    void aSessionKeepsItsStateAndNumberingAcrossItsSnapshot() {
        String session = id(sessions.create("{\"metadata\":{\"b\":1,\"a\":{\"d\":2,\"c\":3}}}"));
        FileWrites files = new FileWrites(port);
        assertThat(files.put("/sessions/" + session + "/files/notes", adminToken(), "a file").status()).isEqualTo(201);
        for (int message = 1; message <= 110; message++) {
            sessions.post(session, "system", "message " + message);
        }

        Eventually.await(Duration.ofSeconds(10), "a snapshot of the session", () -> jdbc.sql(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id AND payload_revision = '3'")
                .param("id", session).query(Long.class).single() > 0);
        aggregateCache.removeAll(); // the next commands must load the session from its snapshot

        Response renamed = identity.put("/sessions/" + session, "{\"name\":\"" + unique("snap") + "\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text()).isEqualTo(identity.get("/sessions/" + session).text());
        assertThat(sessions.post(session, "system", "after the snapshot").get("seq").asLong()).isEqualTo(111);
        // the write no checkpoint holds yet came through the snapshot: the session still knows notes is a file
        assertThat(files.put("/sessions/" + session + "/files/notes/today.md", adminToken(), "x").status())
                .isEqualTo(409);
    }
}
