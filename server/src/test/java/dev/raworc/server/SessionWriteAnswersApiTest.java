package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Every session write answers from the command side's aggregate: the answer is, byte for byte,
 * what a following GET answers from the read model (times, metadata key order and all), and what
 * {@code as_of} folds from the events.
 */
class SessionWriteAnswersApiTest extends SessionsApiTest {

    /** Keys out of order at every depth: jsonb would reorder them. */
    private static final String METADATA = "{\"zeta\":1,\"alpha\":{\"b\":[{\"y\":1,\"x\":2}],\"a\":true},\"mid\":\"m\"}";

    @Test
    void createAnswersWhatGetAnswers() {
        Response created = identity.post("/sessions", "{\"name\":\"" + unique("s") + "\",\"metadata\":" + METADATA + "}");

        assertAnswersAsGet(created, 201);
    }

    @Test
    void updateAnswersWhatGetAnswers() {
        String session = id(sessions.create());

        assertAnswersAsGet(identity.put("/sessions/" + session, "{\"name\":\"" + unique("s") + "\",\"metadata\":"
                + METADATA + "}"), 200);
        assertAnswersAsGet(identity.put("/sessions/" + session, "{}"), 200);
    }

    @Test
    void stateChangesCloseAndRestoreAnswerWhatGetAnswers() {
        String session = id(sessions.create("{\"metadata\":{\"k\":\"v\"}}"));

        assertAnswersAsGet(identity.put("/sessions/" + session + "/state", "{\"state\":\"errored\",\"reason\":\"boom\"}"), 200);
        assertAnswersAsGet(identity.post("/sessions/" + session + "/restore", "{}"), 200);
        assertAnswersAsGet(identity.post("/sessions/" + session + "/restore", "{}"), 200);
        assertAnswersAsGet(identity.post("/sessions/" + session + "/close", "{}"), 200);
        assertAnswersAsGet(identity.post("/sessions/" + session + "/close", "{}"), 200);
    }

    @Test
    void remixAnswersWhatGetAnswers() {
        String parent = id(sessions.create("{\"metadata\":" + METADATA + "}"));
        sessions.postSystem(parent, "one", "two");

        assertAnswersAsGet(identity.post("/sessions/" + parent + "/remix", "{}"), 201);
        assertAnswersAsGet(identity.post("/sessions/" + parent + "/remix",
                "{\"up_to_message_seq\":1,\"copy_messages\":false,\"metadata\":{\"b\":1,\"a\":2}}"), 201);
    }

    private void assertAnswersAsGet(Response write, int status) {
        assertThat(write.status()).as(write.text()).isEqualTo(status);
        String session = id(write.json());
        assertThat(identity.get("/sessions/" + session).text()).isEqualTo(write.text());

        JsonNode asOf = SessionApi.ok(identity.get("/sessions/" + session + "?as_of=" + Instant.now()), 200);
        ((ObjectNode) asOf).remove("message_count");
        ((ObjectNode) asOf).remove("as_of");
        assertThat(ApiClient.JSON.writeValueAsString(asOf)).isEqualTo(write.text());
    }
}
