package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.MESSAGE_FIELDS;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionApi.ok;
import static dev.raworc.server.SessionApi.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** {@code /sessions/{id}/messages} (spec §7): posting, its effect on the session, reading, counting, clearing. */
class MessageApiTest extends ApiTest {

    private static final int MIB = 1 << 20;

    private IdentityApi identity;
    private SessionApi sessions;
    private String session;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
        sessions = new SessionApi(identity);
        session = id(sessions.create());
    }

    // --- post

    @Test
    void postAnswers201WithTheNumberedMessageAsAUserMessageByDefault() {
        Response response = sessions.postMessage(session, sessions.account("operator", null).token(),
                "{\"content\":\"Build the site\",\"metadata\":{\"source\":\"cli\",\"attempt\":1}}");

        JsonNode message = assertCreated(response,
                "/api/v0/sessions/" + session + "/messages?after_seq=0&limit=1");
        assertFields(message, MESSAGE_FIELDS);
        assertThat(UUID.fromString(id(message))).isNotNull();
        assertThat(message.get("session_id").asString()).isEqualTo(session);
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("role").asString()).isEqualTo("user");
        assertThat(message.get("content").asString()).isEqualTo("Build the site");
        assertThat(message.get("metadata")).isEqualTo(ApiClient.JSON.readTree("{\"source\":\"cli\",\"attempt\":1}"));
        assertThat(message.get("created_by").asString()).startsWith("operator-");
        assertTimestamp(message, "created_at");

        Response location = api().get(response.header("Location"), adminToken());
        assertThat(location.json()).containsExactly(message);
        assertThat(sessions.post(session, "system", "second").get("metadata")).isEqualTo(ApiClient.JSON.readTree("{}"));
    }

    @Test
    void thePostAnswersWhatReadsShowAfterwards() {
        String body = "{\"role\":\"system\",\"content\":\"Grüße 👋 \\\"quoted\\\"\\n\","
                + "\"metadata\":{\"zeta\":1.50,\"a\":{\"list\":[1,\"two\",null,true]},\"big\":12345678901234567890,"
                + "\"text\":\"ünïcödé\",\"neg\":-0.001,\"huge\":1e400,\"tiny\":1e-400,\"exp\":2.5E+3}}";
        JsonNode posted = sessions.postMessage(session, adminToken(), body).json();

        assertThat(api().get("/api/v0/sessions/" + session + "/messages", adminToken()).json()).containsExactly(posted);
    }

    @Test
    void aUserMessageMakesAnIdleSessionBusy() {
        sessions.moveTo(session, "idle");

        assertThat(sessions.post(session, "system", "setup").get("seq").asLong()).isEqualTo(1);
        assertThat(sessions.post(session, "AGENT", "ready").get("role").asString()).isEqualTo("agent");
        assertThat(sessions.get(session).get("state").asString()).isEqualTo("idle");

        assertThat(sessions.post(session, "User", "do it").get("seq").asLong()).isEqualTo(3);
        assertThat(sessions.get(session).get("state").asString()).isEqualTo("busy");
    }

    @Test
    void userMessagesToAnInitOrBusySessionQueueInOrder() {
        assertThat(sessions.post(session, null, "first").get("seq").asLong()).isEqualTo(1);
        assertThat(sessions.post(session, "user", "second").get("seq").asLong()).isEqualTo(2);
        assertThat(sessions.get(session).get("state").asString()).isEqualTo("init");

        sessions.moveTo(session, "idle");
        sessions.moveTo(session, "busy");
        assertThat(sessions.post(session, "user", "third").get("seq").asLong()).isEqualTo(3);
        assertThat(sessions.get(session).get("state").asString()).isEqualTo("busy");

        Response all = sessions.messages(session, "");
        assertThat(seqs(all)).containsExactly(1L, 2L, 3L);
        assertThat(SessionApi.strings(all.json(), "content")).containsExactly("first", "second", "third");
    }

    @Test
    void aClosedOrErroredSessionTakesNoMessages() {
        sessions.post(session, "user", "before");
        sessions.close(session);
        assertError(sessions.postMessage(session, json("content", "after")), 409,
                "CONFLICT: Session is closed; restore it before posting messages");

        ok(identity.post("/sessions/" + session + "/restore", "{}"), 200);
        sessions.moveTo(session, "errored");
        assertError(sessions.postMessage(session, json("content", "after")), 409,
                "CONFLICT: Session is errored; restore it before posting messages");

        assertThat(sessions.count(session, "")).isEqualTo(1);
    }

    @Test
    void onlyAdminOrTheAgentCredentialPostsAgentMessages() {
        String agent = json("role", "agent", "content", "done");
        String viewer = sessions.account("viewer", null).token();
        String operator = sessions.account("operator", null).token();

        assertError(sessions.postMessage(session, viewer, agent), 403, "FORBIDDEN: Not permitted to create messages");
        assertError(sessions.postMessage(session, viewer, json("content", "hi")), 403,
                "FORBIDDEN: Not permitted to create messages");
        assertError(sessions.postMessage(session, operator, agent), 403,
                "FORBIDDEN: Not permitted to update-state sessions");
        assertThat(sessions.count(session, "")).isZero();

        assertThat(ok(sessions.postMessage(session, operator, json("content", "hi")), 201).get("role").asString())
                .isEqualTo("user");
        assertThat(ok(sessions.postMessage(session, agent), 201).get("role").asString()).isEqualTo("agent");
    }

    @Test
    void invalidMessagesFailValidation() {
        assertError(sessions.postMessage(session, json("role", "robot", "content", "x")), 422,
                "VALIDATION_ERROR: role: must be one of user, agent, system");
        assertError(sessions.postMessage(session, "{}"), 422,
                "VALIDATION_ERROR: Invalid request: content must not be null");
        assertError(sessions.postMessage(session, json("role", "user")), 422,
                "VALIDATION_ERROR: Invalid request: content must not be null");
        assertError(sessions.postMessage(session, json("content", 42)), 422,
                "VALIDATION_ERROR: Field 'content' must be a string");
        assertError(sessions.postMessage(session, json("content", "x", "text", "x")), 422,
                "VALIDATION_ERROR: Unknown field 'text'");
        assertError(sessions.postMessage(session, json("content", "x", "metadata", "x")), 422,
                "VALIDATION_ERROR: Field 'metadata' must be an object");
        assertThat(sessions.count(session, "")).isZero();
    }

    @Test
    void aNulCharacterIsRefusedBeforeAnythingIsRecorded() {
        // PostgreSQL text and jsonb cannot hold U+0000: recorded, it would stop the projections
        assertError(sessions.postMessage(session, "{\"content\":\"a\\u0000b\"}"), 422,
                "VALIDATION_ERROR: content: must not contain the character U+0000");
        assertError(sessions.postMessage(session, "{\"content\":\"x\",\"metadata\":{\"k\":[\"a\\u0000\"]}}"), 422,
                "VALIDATION_ERROR: metadata: must not contain the character U+0000");
        assertError(sessions.postMessage(session, "{\"content\":\"x\",\"metadata\":{\"k\\u0000\":1}}"), 422,
                "VALIDATION_ERROR: metadata: must not contain the character U+0000");
        assertThat(sessions.count(session, "")).isZero();
        assertThat(sessions.post(session, "system", "still fine").get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void contentMayHoldUpToOneMebibyte() {
        assertError(sessions.postMessage(session, json("content", "x".repeat(MIB + 1))), 422,
                "VALIDATION_ERROR: content: must be at most 1 MiB");
        assertThat(sessions.count(session, "")).isZero();

        JsonNode largest = sessions.post(session, "system", "x".repeat(MIB));
        assertThat(largest.get("content").asString()).hasSize(MIB);
        assertThat(sessions.messages(session, "").json().get(0).get("content").asString()).hasSize(MIB);
    }

    @Test
    void postToAMissingSessionIsNotFound() {
        String missing = UUID.randomUUID().toString();
        assertError(sessions.postMessage(missing, json("content", "x")), 404,
                "NOT_FOUND: Session '" + missing + "' not found");
    }

    // --- read

    @Test
    void listIsOldestFirstAndFiltersByAfterSeqAndRole() {
        sessions.post(session, "user", "u1");
        sessions.post(session, "agent", "a2");
        sessions.post(session, "system", "s3");
        sessions.post(session, "agent", "a4");
        sessions.post(session, "user", "u5");

        Response all = sessions.messages(session, "");
        assertList(all, 5, 0, 100);
        assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L);
        all.json().forEach(message -> assertFields(message, MESSAGE_FIELDS));

        Response newer = sessions.messages(session, "?after_seq=3");
        assertList(newer, 2, 0, 100);
        assertThat(seqs(newer)).containsExactly(4L, 5L);
        assertThat(seqs(sessions.messages(session, "?after_seq=5"))).isEmpty();

        assertThat(seqs(sessions.messages(session, "?role=agent"))).containsExactly(2L, 4L);
        assertThat(seqs(sessions.messages(session, "?role=AGENT"))).containsExactly(2L, 4L);
        assertThat(seqs(sessions.messages(session, "?role=user&after_seq=1"))).containsExactly(5L);

        Response page = sessions.messages(session, "?limit=2&offset=1");
        assertList(page, 5, 1, 2);
        assertThat(seqs(page)).containsExactly(2L, 3L);
        assertList(sessions.messages(session, "?limit=5000"), 5, 0, 1000);
    }

    @Test
    void countRespectsTheRoleFilter() {
        sessions.post(session, "user", "u1");
        sessions.post(session, "agent", "a2");
        sessions.post(session, "agent", "a3");

        JsonNode count = ok(identity.get("/sessions/" + session + "/messages/count"), 200);
        assertFields(count, "session_id", "count");
        assertThat(count.get("count").asLong()).isEqualTo(3);
        assertThat(sessions.count(session, "?role=agent")).isEqualTo(2);
        assertThat(sessions.count(session, "?role=SYSTEM")).isZero();
    }

    @Test
    void badQueryParametersAreBadRequests() {
        String roles = "BAD_REQUEST: Query parameter 'role' must be user, agent or system";
        assertError(sessions.messages(session, "?role=robot"), 400, roles);
        assertError(identity.get("/sessions/" + session + "/messages/count?role=robot"), 400, roles);
        assertError(sessions.messages(session, "?after_seq=x"), 400, "BAD_REQUEST: Invalid value for parameter 'after_seq'");
        assertError(sessions.messages(session, "?offset=-1"), 400,
                "BAD_REQUEST: Query parameter 'offset' must be a non-negative integer, not '-1'");
    }

    // --- clear

    @Test
    void clearEmptiesTheViewKeepsTheHistoryAndNumberingGoesOn() {
        sessions.postSystem(session, "one", "two", "three");

        assertNoContent(identity.delete("/sessions/" + session + "/messages"));

        assertThat(sessions.count(session, "")).isZero();
        assertList(sessions.messages(session, ""), 0, 0, 100);
        JsonNode history = sessions.events(session);
        assertThat(SessionApi.strings(history, "type")).containsExactly("SessionCreatedEvent", "MessagePostedEvent",
                "MessagePostedEvent", "MessagePostedEvent", "MessagesClearedEvent");
        assertThat(List.of(history.get(1), history.get(2), history.get(3)))
                .extracting(event -> event.get("data").get("content").asString())
                .containsExactly("one", "two", "three");

        assertThat(sessions.post(session, "system", "four").get("seq").asLong()).isEqualTo(4);
        assertThat(seqs(sessions.messages(session, ""))).containsExactly(4L);
        assertThat(sessions.count(session, "")).isEqualTo(1);
    }

    @Test
    void clearingAnEmptyConversationRecordsNothing() {
        assertNoContent(identity.delete("/sessions/" + session + "/messages"));
        sessions.postSystem(session, "one");
        assertNoContent(identity.delete("/sessions/" + session + "/messages"));
        assertNoContent(identity.delete("/sessions/" + session + "/messages"));

        assertThat(sessions.eventTypes(session)).containsExactly("SessionCreatedEvent", "MessagePostedEvent",
                "MessagesClearedEvent");
    }

    // --- permissions

    @Test
    void everyEndpointNeedsAToken() {
        String path = IdentityApi.BASE + "/sessions/" + session + "/messages";
        assertUnauthenticated(api().get(path, null));
        assertUnauthenticated(api().get(path + "/count", null));
        assertUnauthenticated(api().postJson(path, null, json("content", "x")));
        assertUnauthenticated(api().send("DELETE", path, null, null, null));
        assertThat(sessions.count(session, "")).isZero();
    }

    @Test
    void viewersReadButCannotPostOrClear() {
        sessions.postSystem(session, "one");
        String viewer = sessions.account("viewer", null).token();

        assertThat(seqs(identity.get("/sessions/" + session + "/messages", viewer))).containsExactly(1L);
        assertThat(ok(identity.get("/sessions/" + session + "/messages/count", viewer), 200).get("count").asLong())
                .isEqualTo(1);
        assertError(identity.delete("/sessions/" + session + "/messages", viewer), 403,
                "FORBIDDEN: Not permitted to delete messages");
        assertThat(sessions.count(session, "")).isEqualTo(1);
    }

    @Test
    void callersOfAnotherSpaceAreForbidden() {
        String space = unique("space");
        identity.createSpace(space);
        String operator = sessions.account("operator", space).token();
        String path = "/sessions/" + session + "/messages";

        assertError(identity.get(path, operator), 403, "FORBIDDEN: Not permitted to list messages in space 'default'");
        assertError(identity.get(path + "/count", operator), 403,
                "FORBIDDEN: Not permitted to list messages in space 'default'");
        assertError(identity.post(path, operator, json("content", "x")), 403, "FORBIDDEN: Not permitted to create messages");
        assertError(identity.delete(path, operator), 403, "FORBIDDEN: Not permitted to delete messages");
        assertError(identity.get(path, identity.tokenWithoutBindings()), 403, "FORBIDDEN: Not permitted to list messages");
        assertThat(sessions.count(session, "")).isZero();
    }
}
