package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Helpers of the session and message API tests (spec §6–7): fixtures created as {@code admin}
 * that fail the test unless the server accepts them, and readers of the answers. Requests go
 * through {@link IdentityApi}, so paths are relative to {@code /api/v0}.
 */
final class SessionApi {

    /** Every field of a session object (spec §6). */
    static final String[] SESSION_FIELDS = {"id", "name", "space", "state", "state_reason", "created_by",
            "parent_session_id", "forked_from_message_seq", "image", "container_id", "metadata", "created_at",
            "updated_at", "last_activity_at", "closed_at"};

    /** Every field of a message object (spec §7). */
    static final String[] MESSAGE_FIELDS = {"id", "session_id", "seq", "role", "content", "metadata", "created_by",
            "created_at"};

    /** Every field of an item of the audit history (spec §6). */
    static final String[] EVENT_FIELDS = {"seq", "type", "occurred_at", "principal", "data"};

    /** An account and its token. */
    record Account(String user, String token) {
    }

    private final IdentityApi identity;

    SessionApi(IdentityApi identity) {
        this.identity = identity;
    }

    /** A new account bound to {@code role} in {@code space} ({@code null}: globally). */
    Account account(String role, String space) {
        String user = IdentityApi.unique(role);
        identity.createAccount(user);
        identity.bind(role, user, space);
        return new Account(user, identity.login(user));
    }

    // --- sessions

    /** A new session in space {@code default}, with no name. */
    JsonNode create() {
        return create("{}");
    }

    JsonNode create(String body) {
        return ok(identity.post("/sessions", body), 201);
    }

    JsonNode createNamed(String name) {
        return create(json("name", name));
    }

    JsonNode createIn(String space) {
        return create(json("space", space));
    }

    JsonNode get(String idOrName) {
        return ok(identity.get("/sessions/" + idOrName), 200);
    }

    Response changeState(String id, String state) {
        return identity.put("/sessions/" + id + "/state", json("state", state));
    }

    /** Moves the session to {@code state} as admin and checks it is there. */
    JsonNode moveTo(String id, String state) {
        JsonNode session = ok(changeState(id, state), 200);
        assertThat(session.get("state").asString()).isEqualTo(state.toLowerCase(Locale.ROOT));
        return session;
    }

    JsonNode close(String id) {
        return ok(identity.post("/sessions/" + id + "/close", "{}"), 200);
    }

    JsonNode remix(String id, String body) {
        return ok(identity.post("/sessions/" + id + "/remix", body), 201);
    }

    void delete(String id) {
        IdentityApi.assertNoContent(identity.delete("/sessions/" + id));
    }

    /** The ids of a session list answer, in order. */
    List<String> listIds(String query) {
        return IdentityApi.column(identity.get("/sessions" + query), "id");
    }

    // --- messages

    Response postMessage(String sessionId, String body) {
        return identity.post("/sessions/" + sessionId + "/messages", body);
    }

    Response postMessage(String sessionId, String token, String body) {
        return identity.post("/sessions/" + sessionId + "/messages", token, body);
    }

    /** Posts a message as admin; {@code role null} leaves the role out. */
    JsonNode post(String sessionId, String role, String content) {
        String body = role == null ? json("content", content) : json("role", role, "content", content);
        return ok(identity.post("/sessions/" + sessionId + "/messages", body), 201);
    }

    /** Posts one {@code system} message per content, which changes no state. */
    void postSystem(String sessionId, String... contents) {
        for (String content : contents) {
            post(sessionId, "system", content);
        }
    }

    Response messages(String sessionId, String query) {
        return identity.get("/sessions/" + sessionId + "/messages" + query);
    }

    long count(String sessionId, String query) {
        JsonNode count = ok(identity.get("/sessions/" + sessionId + "/messages/count" + query), 200);
        assertThat(count.get("session_id").asString()).isEqualTo(sessionId);
        return count.get("count").asLong();
    }

    // --- audit history

    /** The whole audit history as admin, read in one page. */
    JsonNode events(String sessionId) {
        return ok(identity.get("/sessions/" + sessionId + "/events?limit=1000"), 200);
    }

    /** The event types of the audit history, in order. */
    List<String> eventTypes(String sessionId) {
        return strings(events(sessionId), "type");
    }

    // --- readers

    static String id(JsonNode object) {
        return object.get("id").asString();
    }

    /** One field of every item of a JSON array, as text ({@code null} for JSON null). */
    static List<String> strings(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            values.add(item.get(field).isNull() ? null : item.get(field).asString());
        }
        return values;
    }

    /** The seqs of a message list answer, in order. */
    static List<Long> seqs(Response messages) {
        assertThat(messages.status()).as(messages.text()).isEqualTo(200);
        List<Long> seqs = new ArrayList<>();
        messages.json().forEach(message -> seqs.add(message.get("seq").asLong()));
        return seqs;
    }

    static List<Long> seqs(long first, long last) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }

    static JsonNode ok(Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response.json();
    }
}
