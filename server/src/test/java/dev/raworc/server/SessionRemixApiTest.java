package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.SESSION_FIELDS;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionApi.ok;
import static dev.raworc.server.SessionApi.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * {@code POST /sessions/{id}/remix} (spec §6): a new session whose history begins as a fork of the
 * parent's event stream, up to a message; the parent is untouched.
 */
class SessionRemixApiTest extends ApiTest {

    private static final String PARENT_METADATA = "{\"task\":\"site\"}";

    private IdentityApi identity;
    private SessionApi sessions;
    private String parent;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
        sessions = new SessionApi(identity);
        parent = id(sessions.create("{\"metadata\":" + PARENT_METADATA + ",\"image\":\"raworc/agent:3\"}"));
        sessions.post(parent, "user", "one");
        sessions.post(parent, "agent", "two");
        sessions.post(parent, "system", "three");
    }

    @Test
    void defaultRemixCopiesEveryMessageAndLeavesTheParentUntouched() {
        JsonNode parentBefore = sessions.get(parent);
        JsonNode parentEventsBefore = sessions.events(parent);
        JsonNode parentMessages = sessions.messages(parent, "").json();

        Response response = identity.post("/sessions/" + parent + "/remix", "{}");

        JsonNode child = assertCreated(response, "/api/v0/sessions/" + id(response.json()));
        assertFields(child, SESSION_FIELDS);
        assertThat(id(child)).isNotEqualTo(parent);
        assertThat(child.get("state").asString()).isEqualTo("init");
        assertThat(child.get("parent_session_id").asString()).isEqualTo(parent);
        assertThat(child.get("forked_from_message_seq").asLong()).isEqualTo(3);
        assertThat(child.get("space").asString()).isEqualTo("default");
        assertThat(child.get("image").asString()).isEqualTo("raworc/agent:3");
        assertThat(child.get("metadata")).isEqualTo(ApiClient.JSON.readTree(PARENT_METADATA));
        assertThat(child.get("name").isNull()).isTrue();
        assertThat(child.get("created_by").asString()).isEqualTo("admin");
        assertThat(sessions.get(id(child))).isEqualTo(child);

        assertCopied(sessions.messages(id(child), "").json(), parentMessages, id(child));
        assertThat(sessions.count(id(child), "")).isEqualTo(3);

        JsonNode fork = sessions.events(id(child)).get(0);
        assertThat(fork.get("seq").asLong()).isEqualTo(1);
        assertThat(fork.get("type").asString()).isEqualTo("SessionForkedEvent");
        assertThat(fork.get("principal").asString()).isEqualTo("admin");
        assertThat(fork.get("data").get("parent_session_id").asString()).isEqualTo(parent);
        assertThat(fork.get("data").get("up_to_message_seq").asLong()).isEqualTo(3);

        JsonNode forkedAsOf = ok(identity.get("/sessions/" + id(child) + "?as_of=" + Instant.now()), 200);
        assertThat(forkedAsOf.get("parent_session_id").asString()).isEqualTo(parent);
        assertThat(forkedAsOf.get("message_count").asLong()).isEqualTo(3);

        assertThat(sessions.events(parent)).isEqualTo(parentEventsBefore);
        assertThat(sessions.get(parent)).isEqualTo(parentBefore);
        assertThat(sessions.messages(parent, "").json()).isEqualTo(parentMessages);
    }

    @Test
    void theChildsOwnMessagesNumberOnFromTheForkAndStayItsOwn() {
        String child = id(sessions.remix(parent, "{}"));

        assertThat(sessions.post(child, "user", "four").get("seq").asLong()).isEqualTo(4);
        assertThat(sessions.post(parent, "user", "parent four").get("seq").asLong()).isEqualTo(4);

        assertThat(SessionApi.strings(sessions.messages(child, "").json(), "content"))
                .containsExactly("one", "two", "three", "four");
        assertThat(SessionApi.strings(sessions.messages(parent, "").json(), "content"))
                .containsExactly("one", "two", "three", "parent four");
    }

    @Test
    void remixUpToAMessageCopiesOnlyThatFar() {
        JsonNode child = sessions.remix(parent, json("up_to_message_seq", 2));

        assertThat(child.get("forked_from_message_seq").asLong()).isEqualTo(2);
        assertCopied(sessions.messages(id(child), "").json(), sessions.messages(parent, "?limit=2").json(), id(child));
        assertThat(sessions.post(id(child), "system", "next").get("seq").asLong()).isEqualTo(3);
        assertThat(sessions.events(id(child)).get(0).get("data").get("up_to_message_seq").asLong()).isEqualTo(2);

        JsonNode empty = sessions.remix(parent, json("up_to_message_seq", 0));
        assertThat(sessions.count(id(empty), "")).isZero();
        assertThat(sessions.post(id(empty), "system", "first").get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void remixWithoutMessagesStartsAnEmptyConversation() {
        JsonNode child = sessions.remix(parent, json("copy_messages", false));

        assertThat(child.get("parent_session_id").asString()).isEqualTo(parent);
        assertThat(sessions.count(id(child), "")).isZero();
        assertThat(sessions.messages(id(child), "").json()).isEmpty();
        assertThat(sessions.post(id(child), "user", "fresh").get("seq").asLong()).isEqualTo(1);
        assertThat(sessions.events(id(child)).get(0).get("data").get("copy_messages").asBoolean()).isFalse();
        assertThat(sessions.count(parent, "")).isEqualTo(3);
    }

    @Test
    void remixTakesNameAndMetadataOrItsCommandLineAlias() {
        String name = unique("remix");
        JsonNode named = sessions.remix(parent, "{\"name\":\"" + name + "\",\"metadata\":{\"task\":\"named\"},"
                + "\"copy_data\":false}");
        assertThat(named.get("name").asString()).isEqualTo(name);
        assertThat(named.get("metadata")).isEqualTo(ApiClient.JSON.readTree("{\"task\":\"named\"}"));
        assertThat(sessions.get(name)).isEqualTo(named);

        JsonNode aliased = sessions.remix(parent, "{\"new_session_metadata\":{\"task\":\"aliased\"}}");
        assertThat(aliased.get("metadata")).isEqualTo(ApiClient.JSON.readTree("{\"task\":\"aliased\"}"));

        assertError(identity.post("/sessions/" + parent + "/remix", json("name", name)), 409,
                "CONFLICT: A session named '" + name + "' already exists");
    }

    @Test
    void remixAcceptsAnEmptyBody() {
        String path = IdentityApi.BASE + "/sessions/" + parent + "/remix";
        for (String contentType : new String[] {null, "application/json"}) {
            Response response = api().send("POST", path, adminToken(), contentType, null);
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            assertThat(sessions.count(id(response.json()), "")).isEqualTo(3);
        }
    }

    @Test
    void aRemixOfARemixForksTheChildsHistory() {
        String child = id(sessions.remix(parent, json("up_to_message_seq", 2)));
        sessions.post(child, "user", "child three");

        JsonNode grandchild = sessions.remix(child, "{}");

        assertThat(grandchild.get("parent_session_id").asString()).isEqualTo(child);
        assertThat(grandchild.get("forked_from_message_seq").asLong()).isEqualTo(3);
        assertThat(SessionApi.strings(sessions.messages(id(grandchild), "").json(), "content"))
                .containsExactly("one", "two", "child three");
        assertThat(sessions.post(id(grandchild), "user", "four").get("seq").asLong()).isEqualTo(4);
        assertThat(sessions.listIds("?parent_session_id=" + child)).containsExactly(id(grandchild));
        assertThat(seqs(sessions.messages(child, ""))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDeletedSessionCannotBeRemixed() {
        sessions.delete(parent);

        assertError(identity.post("/sessions/" + parent + "/remix", "{}"), 404,
                "NOT_FOUND: Session '" + parent + "' not found");
        assertThat(sessions.listIds("?parent_session_id=" + parent)).isEmpty();
    }

    @Test
    void invalidRemixRequestsFailValidation() {
        String remix = "/sessions/" + parent + "/remix";
        String range = "VALIDATION_ERROR: up_to_message_seq must be between 0 and 3, the last message of the session";

        assertError(identity.post(remix, json("up_to_message_seq", 4)), 422, range);
        assertError(identity.post(remix, json("up_to_message_seq", -1)), 422, range);
        assertError(identity.post(remix, json("copy_messages", "no")), 422,
                "VALIDATION_ERROR: Field 'copy_messages' must be a boolean");
        assertError(identity.post(remix, json("parent", parent)), 422, "VALIDATION_ERROR: Unknown field 'parent'");
        assertError(identity.post(remix, json("name", "bad name")), 422,
                "VALIDATION_ERROR: Invalid request: name " + IdentityApi.NAME_RULE);
        assertError(identity.post(remix, identity.tokenBoundTo("viewer", null), "{}"), 403,
                "FORBIDDEN: Not permitted to create sessions");

        assertThat(sessions.listIds("?parent_session_id=" + parent)).isEmpty();
    }

    /** The child's messages are the parent's, as its own: same seq, role, content and author, new ids. */
    private static void assertCopied(JsonNode copies, JsonNode originals, String child) {
        assertThat(copies).hasSize(originals.size());
        for (int i = 0; i < originals.size(); i++) {
            JsonNode copy = copies.get(i);
            JsonNode original = originals.get(i);
            assertThat(copy.get("session_id").asString()).isEqualTo(child);
            assertThat(id(copy)).isNotEqualTo(id(original));
            for (String field : List.of("seq", "role", "content", "metadata", "created_by", "created_at")) {
                assertThat(copy.get(field)).as(field).isEqualTo(original.get(field));
            }
        }
    }
}
