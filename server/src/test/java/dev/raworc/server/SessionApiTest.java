package dev.raworc.server;

import static dev.raworc.server.IdentityApi.NAME_RULE;
import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.SESSION_FIELDS;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.SessionApi.Account;

/** {@code /sessions} (spec §6): every endpoint, the lifecycle, the list filters, answers and refusals. */
class SessionApiTest extends SessionsApiTest {

    private static final String SESSIONS = IdentityApi.BASE + "/sessions";
    private static final String METADATA = "{\"task\":\"build\",\"tags\":[\"a\",\"b\"],\"limits\":{\"cpu\":2}}";

    // --- create

    @Test
    void createWithAMissingOrEmptyBodyAnswers201InStateInitWithEveryField() {
        String token = adminToken();
        assertNewDefaultSession(api().send("POST", SESSIONS, token, null, null));
        assertNewDefaultSession(api().send("POST", SESSIONS, token, "application/json", null));
        assertNewDefaultSession(api().send("POST", SESSIONS, token, "application/json", ""));
        assertNewDefaultSession(api().postJson(SESSIONS, token, "{}"));
    }

    @Test
    void createTakesNameSpaceMetadataAndImage() {
        String space = unique("space");
        identity.createSpace(space);
        String name = unique("session");

        JsonNode session = sessions.create("{\"name\":\"" + name + "\",\"space\":\"" + space
                + "\",\"metadata\":" + METADATA + ",\"image\":\"raworc/agent:2\"}");

        assertThat(session.get("name").asString()).isEqualTo(name);
        assertThat(session.get("space").asString()).isEqualTo(space);
        assertThat(session.get("metadata")).isEqualTo(ApiClient.JSON.readTree(METADATA));
        assertThat(session.get("image").asString()).isEqualTo("raworc/agent:2");
        assertThat(session.get("state").asString()).isEqualTo("init");
        assertThat(sessions.get(id(session))).isEqualTo(session);
    }

    @Test
    void createInAMissingOrDeactivatedSpaceIsRefused() {
        String missing = unique("missing");
        assertError(identity.post("/sessions", json("space", missing)), 422,
                "VALIDATION_ERROR: space: no space named '" + missing + "'");

        String inactive = unique("space");
        identity.createSpace(inactive);
        ok(identity.put("/spaces/" + inactive, json("active", false)), 200);
        assertError(identity.post("/sessions", json("space", inactive)), 409,
                "CONFLICT: Space '" + inactive + "' is deactivated");
        assertThat(sessions.listIds("?space=" + inactive)).isEmpty();
    }

    @Test
    void aLiveSessionsNameIsTakenUntilItIsDeleted() {
        String name = unique("session");
        JsonNode first = sessions.createNamed(name);

        assertError(identity.post("/sessions", json("name", name)), 409,
                "CONFLICT: A session named '" + name + "' already exists");
        sessions.close(id(first));
        assertError(identity.post("/sessions", json("name", name)), 409,
                "CONFLICT: A session named '" + name + "' already exists");

        sessions.delete(id(first));
        JsonNode second = sessions.createNamed(name);
        assertThat(id(sessions.get(name))).isEqualTo(id(second));
    }

    @Test
    void invalidNamesUnknownFieldsAndWrongTypesFailValidation() {
        for (String invalid : new String[] {"", "_session", "my session", "a/b", "s".repeat(64)}) {
            Response response = identity.post("/sessions", json("name", invalid));
            assertError(response, 422, "VALIDATION_ERROR: Invalid request: name " + NAME_RULE);
            assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo("name");
        }
        assertError(identity.post("/sessions", json("title", "x")), 422, "VALIDATION_ERROR: Unknown field 'title'");
        assertError(identity.post("/sessions", json("metadata", "x")), 422,
                "VALIDATION_ERROR: Field 'metadata' must be an object");
        assertError(identity.post("/sessions", json("name", 7)), 422, "VALIDATION_ERROR: Field 'name' must be a string");
        assertError(identity.post("/sessions", "[]"), 422, "VALIDATION_ERROR: Request body must be a JSON object");
        assertError(identity.post("/sessions", "{\"name\":"), 400, "BAD_REQUEST: Malformed JSON in request body");
    }

    // --- get

    @Test
    void getFindsASessionByIdOrName() {
        String name = unique("session");
        JsonNode session = sessions.createNamed(name);

        assertThat(sessions.get(id(session))).isEqualTo(session);
        assertThat(sessions.get(name)).isEqualTo(session);
        JsonNode message = sessions.post(name, "system", "by name");
        assertThat(message.get("session_id").asString()).isEqualTo(id(session));
        assertThat(sessions.messages(name, "").json()).containsExactly(message);
        assertThat(sessions.count(id(session), "")).isEqualTo(1);

        String missing = UUID.randomUUID().toString();
        assertError(identity.get("/sessions/" + missing), 404, "NOT_FOUND: Session '" + missing + "' not found");
        String unknownName = unique("nameless");
        assertError(identity.get("/sessions/" + unknownName), 404, "NOT_FOUND: Session '" + unknownName + "' not found");
    }

    // --- update

    @Test
    void updateRenamesAndReplacesMetadata() {
        String name = unique("session");
        JsonNode created = sessions.createNamed(name);
        String id = id(created);
        String renamed = unique("renamed");

        JsonNode afterRename = ok(identity.put("/sessions/" + id, json("name", renamed)), 200);
        assertThat(afterRename.get("name").asString()).isEqualTo(renamed);
        assertThat(Instant.parse(afterRename.get("updated_at").asString()))
                .isAfter(Instant.parse(created.get("updated_at").asString()));
        assertThat(sessions.get(renamed)).isEqualTo(afterRename);
        assertError(identity.get("/sessions/" + name), 404, "NOT_FOUND: Session '" + name + "' not found");

        JsonNode afterMetadata = ok(identity.put("/sessions/" + renamed, "{\"metadata\":" + METADATA + "}"), 200);
        assertThat(afterMetadata.get("metadata")).isEqualTo(ApiClient.JSON.readTree(METADATA));
        assertThat(afterMetadata.get("name").asString()).isEqualTo(renamed);

        JsonNode replaced = ok(identity.put("/sessions/" + id, "{\"metadata\":{\"task\":\"test\"}}"), 200);
        assertThat(replaced.get("metadata")).isEqualTo(ApiClient.JSON.readTree("{\"task\":\"test\"}"));
        assertThat(sessions.get(id)).isEqualTo(replaced);

        // the old name is free again
        assertThat(sessions.createNamed(name).get("name").asString()).isEqualTo(name);
    }

    @Test
    void renameToATakenNameIsAConflictAndKeepsBothNames() {
        String mine = unique("mine");
        String theirs = unique("theirs");
        String id = id(sessions.createNamed(mine));
        sessions.createNamed(theirs);

        assertError(identity.put("/sessions/" + id, json("name", theirs)), 409,
                "CONFLICT: A session named '" + theirs + "' already exists");

        assertThat(id(sessions.get(mine))).isEqualTo(id);
        assertError(identity.post("/sessions", json("name", mine)), 409,
                "CONFLICT: A session named '" + mine + "' already exists");
    }

    @Test
    void updateRejectsInvalidNamesAndUnknownFields() {
        String id = id(sessions.create());

        assertError(identity.put("/sessions/" + id, json("name", "-bad")), 422,
                "VALIDATION_ERROR: Invalid request: name " + NAME_RULE);
        assertError(identity.put("/sessions/" + id, json("state", "idle")), 422, "VALIDATION_ERROR: Unknown field 'state'");
        assertError(identity.put("/sessions/" + id, json("metadata", List.of(1))), 422,
                "VALIDATION_ERROR: Field 'metadata' must be an object");
        String missing = UUID.randomUUID().toString();
        assertError(identity.put("/sessions/" + missing, json("name", unique("x"))), 404,
                "NOT_FOUND: Session '" + missing + "' not found");
    }

    // --- state

    @Test
    void allowedStateChangesAnswer200InAnyCase() {
        String id = id(sessions.create());

        JsonNode idle = ok(sessions.changeState(id, "IDLE"), 200);
        assertThat(idle.get("state").asString()).isEqualTo("idle");
        assertThat(sessions.get(id)).isEqualTo(idle);
        assertThat(ok(sessions.changeState(id, "Busy"), 200).get("state").asString()).isEqualTo("busy");

        JsonNode errored = ok(identity.put("/sessions/" + id + "/state", json("state", "errored", "reason", "disk full")), 200);
        assertThat(errored.get("state").asString()).isEqualTo("errored");
        assertThat(errored.get("state_reason").asString()).isEqualTo("disk full");
        assertThat(sessions.moveTo(id, "init").get("state_reason").isNull()).isTrue();
        sessions.moveTo(id, "closed");
    }

    @Test
    void forbiddenStateChangesAreConflictsNamingTheCurrentState() {
        String id = id(sessions.create());

        assertError(sessions.changeState(id, "busy"), 409, "CONFLICT: Session is init and cannot become busy");
        sessions.moveTo(id, "idle");
        assertError(sessions.changeState(id, "init"), 409, "CONFLICT: Session is idle and cannot become init");
        assertError(sessions.changeState(id, "idle"), 409, "CONFLICT: Session is idle and cannot become idle");
        sessions.close(id);
        assertError(sessions.changeState(id, "idle"), 409, "CONFLICT: Session is closed and cannot become idle");
        assertError(sessions.changeState(id, "errored"), 409, "CONFLICT: Session is closed and cannot become errored");

        assertThat(sessions.get(id).get("state").asString()).isEqualTo("closed");
    }

    @Test
    void invalidStateRequestsFailValidation() {
        String id = id(sessions.create());
        String states = "init, idle, busy, closed, errored";

        assertError(sessions.changeState(id, "sleeping"), 422, "VALIDATION_ERROR: state: must be one of " + states);
        assertError(identity.put("/sessions/" + id + "/state", "{}"), 422,
                "VALIDATION_ERROR: Invalid request: state must not be null");
        assertError(identity.put("/sessions/" + id + "/state", json("state", "idle", "why", "x")), 422,
                "VALIDATION_ERROR: Unknown field 'why'");
        assertError(identity.put("/sessions/" + id + "/state", json("state", 1)), 422,
                "VALIDATION_ERROR: Field 'state' must be a string");

        assertThat(sessions.get(id).get("state").asString()).isEqualTo("init");
    }

    @Test
    void onlyCallersWithUpdateStateMoveASession() {
        String id = id(sessions.create());

        for (String role : new String[] {"viewer", "operator"}) {
            String token = sessions.account(role, null).token();
            assertError(identity.put("/sessions/" + id + "/state", token, json("state", "idle")), 403,
                    "FORBIDDEN: Not permitted to update-state sessions");
        }
        assertThat(sessions.get(id).get("state").asString()).isEqualTo("init");
    }

    // --- close and restore

    @Test
    void closeAndRestoreAnswer200AndAreIdempotent() {
        String id = id(sessions.moveTo(id(sessions.create()), "idle"));

        JsonNode closed = ok(api().send("POST", SESSIONS + "/" + id + "/close", adminToken(), null, null), 200);
        assertThat(closed.get("state").asString()).isEqualTo("closed");
        assertTimestamp(closed, "closed_at");
        List<String> afterClose = sessions.eventTypes(id);
        assertThat(afterClose).endsWith("SessionClosedEvent");

        assertThat(ok(api().send("POST", SESSIONS + "/" + id + "/close", adminToken(), "application/json", null), 200))
                .isEqualTo(closed);
        assertThat(sessions.close(id)).isEqualTo(closed);
        assertThat(sessions.eventTypes(id)).isEqualTo(afterClose);

        JsonNode restored = ok(identity.post("/sessions/" + id + "/restore", "{}"), 200);
        assertThat(restored.get("state").asString()).isEqualTo("init");
        List<String> afterRestore = sessions.eventTypes(id);
        assertThat(afterRestore).hasSize(afterClose.size() + 1).endsWith("SessionRestoredEvent");

        assertThat(ok(api().send("POST", SESSIONS + "/" + id + "/restore", adminToken(), null, null), 200))
                .isEqualTo(restored);
        assertThat(sessions.eventTypes(id)).isEqualTo(afterRestore);
        assertThat(sessions.get(id)).isEqualTo(restored);
    }

    @Test
    void restoreBringsBackAnErroredSessionAndLeavesALiveOneAlone() {
        String id = id(sessions.create());
        JsonNode live = sessions.get(id);

        assertThat(ok(identity.post("/sessions/" + id + "/restore", "{}"), 200)).isEqualTo(live);
        assertThat(sessions.eventTypes(id)).containsExactly("SessionCreatedEvent");

        sessions.moveTo(id, "errored");
        assertThat(ok(identity.post("/sessions/" + id + "/restore", "{}"), 200).get("state").asString()).isEqualTo("init");
        sessions.moveTo(id, "errored");
        assertThat(sessions.close(id).get("state").asString()).isEqualTo("closed");
    }

    // --- delete

    @Test
    void deleteAnswers204AndTheSessionIsGoneEverywhereButItsHistory() {
        String name = unique("session");
        String id = id(sessions.createNamed(name));
        sessions.post(id, "system", "hello");

        assertNoContent(identity.delete("/sessions/" + name));

        String gone = "NOT_FOUND: Session '" + id + "' not found";
        assertError(identity.get("/sessions/" + id), 404, gone);
        assertError(identity.get("/sessions/" + name), 404, "NOT_FOUND: Session '" + name + "' not found");
        assertError(identity.get("/sessions/" + id + "?as_of=" + Instant.now()), 404, gone);
        assertError(identity.put("/sessions/" + id, json("name", unique("x"))), 404, gone);
        assertError(sessions.changeState(id, "idle"), 404, gone);
        assertError(identity.post("/sessions/" + id + "/close", "{}"), 404, gone);
        assertError(identity.post("/sessions/" + id + "/restore", "{}"), 404, gone);
        assertError(identity.post("/sessions/" + id + "/remix", "{}"), 404, gone);
        assertError(identity.delete("/sessions/" + id), 404, gone);
        assertError(identity.get("/sessions/" + id + "/messages"), 404, gone);
        assertError(identity.get("/sessions/" + id + "/messages/count"), 404, gone);
        assertError(identity.post("/sessions/" + id + "/messages", json("content", "x")), 404, gone);
        assertError(identity.delete("/sessions/" + id + "/messages"), 404, gone);
        assertThat(sessions.listIds("?limit=1000")).doesNotContain(id);

        assertThat(sessions.eventTypes(id)).containsExactly("SessionCreatedEvent", "MessagePostedEvent",
                "SessionDeletedEvent");
    }

    @Test
    void aSpaceWithASessionIsKeptUntilTheSessionIsDeleted() {
        String space = unique("space");
        identity.createSpace(space);
        String id = id(sessions.createIn(space));
        sessions.close(id);

        assertError(identity.delete("/spaces/" + space), 409,
                "CONFLICT: Space '" + space + "' cannot be deleted: it holds 1 session not deleted");

        sessions.delete(id);
        assertNoContent(identity.delete("/spaces/" + space));
    }

    // --- list

    @Test
    void listIsNewestFirstAndPaged() {
        String space = unique("space");
        identity.createSpace(space);
        String first = id(sessions.createIn(space));
        String second = id(sessions.createIn(space));
        String third = id(sessions.createIn(space));

        Response all = identity.get("/sessions?space=" + space);
        assertList(all, 3, 0, 100);
        assertThat(SessionApi.strings(all.json(), "id")).containsExactly(third, second, first);
        all.json().forEach(session -> assertFields(session, SESSION_FIELDS));

        Response page = identity.get("/sessions?space=" + space + "&limit=1&offset=1");
        assertList(page, 3, 1, 1);
        assertThat(SessionApi.strings(page.json(), "id")).containsExactly(second);
    }

    @Test
    void listFiltersByStateInAnyCaseAndBySpaceOrItsAlias() {
        String space = unique("space");
        identity.createSpace(space);
        String init = id(sessions.createIn(space));
        String idle = id(sessions.moveTo(id(sessions.createIn(space)), "idle"));
        String closed = id(sessions.close(id(sessions.createIn(space))));
        String elsewhere = id(sessions.moveTo(id(sessions.create()), "idle"));

        assertThat(sessions.listIds("?space=" + space + "&state=idle")).containsExactly(idle);
        assertThat(sessions.listIds("?space=" + space + "&state=IDLE")).containsExactly(idle);
        assertThat(sessions.listIds("?space=" + space + "&state=Closed")).containsExactly(closed);
        assertThat(sessions.listIds("?space=" + space + "&state=init")).containsExactly(init);
        assertThat(sessions.listIds("?space=" + space + "&state=busy")).isEmpty();
        assertThat(sessions.listIds("?workspace_name=" + space)).containsExactly(closed, idle, init);
        assertThat(sessions.listIds("?workspace_name=" + space + "&state=IDLE")).containsExactly(idle);
        assertThat(sessions.listIds("?state=idle&limit=1000")).contains(idle, elsewhere).doesNotContain(init, closed);
    }

    @Test
    void listFiltersByCreatorNameAndParent() {
        String space = unique("space");
        identity.createSpace(space);
        Account operator = sessions.account("operator", space);
        String byOperator = id(ok(identity.post("/sessions", operator.token(), json("space", space)), 201));
        String byAdmin = id(sessions.createIn(space));
        String name = unique("named");
        String named = id(sessions.create(json("name", name, "space", space)));
        String child = id(sessions.remix(byAdmin, "{}"));

        assertThat(sessions.listIds("?created_by=" + operator.user())).containsExactly(byOperator);
        assertThat(sessions.listIds("?space=" + space + "&created_by=admin")).containsExactly(child, named, byAdmin);
        assertThat(sessions.listIds("?name=" + name)).containsExactly(named);
        assertThat(sessions.listIds("?name=" + unique("nobody"))).isEmpty();
        assertThat(sessions.listIds("?parent_session_id=" + byAdmin)).containsExactly(child);
        assertThat(sessions.listIds("?parent_session_id=" + byOperator)).isEmpty();
    }

    @Test
    void badFiltersAreBadRequests() {
        assertError(identity.get("/sessions?state=sleeping"), 400,
                "BAD_REQUEST: Query parameter 'state' must be init, idle, busy, closed or errored");
        assertError(identity.get("/sessions?parent_session_id=not-a-uuid"), 400,
                "BAD_REQUEST: Query parameter 'parent_session_id' must be a UUID");
        assertError(identity.get("/sessions?limit=-1"), 400,
                "BAD_REQUEST: Query parameter 'limit' must be a non-negative integer, not '-1'");
    }

    // --- permissions

    @Test
    void everyEndpointNeedsAToken() {
        String id = id(sessions.create());
        String path = SESSIONS + "/" + id;
        String[][] endpoints = {{"GET", SESSIONS}, {"POST", SESSIONS}, {"GET", path}, {"PUT", path},
                {"PUT", path + "/state"}, {"POST", path + "/close"}, {"POST", path + "/restore"},
                {"POST", path + "/remix"}, {"DELETE", path}, {"GET", path + "/events"}};
        for (String[] endpoint : endpoints) {
            assertUnauthenticated(api().send(endpoint[0], endpoint[1], null, "application/json", "{}"));
        }
        assertThat(sessions.get(id).get("state").asString()).isEqualTo("init");
    }

    @Test
    void callerWithoutBindingsIsForbidden() {
        String token = identity.tokenWithoutBindings();
        String id = id(sessions.create());

        assertError(identity.get("/sessions", token), 403, "FORBIDDEN: Not permitted to list sessions");
        assertError(identity.post("/sessions", token, "{}"), 403, "FORBIDDEN: Not permitted to create sessions");
        assertError(identity.get("/sessions/" + id, token), 403, "FORBIDDEN: Not permitted to get sessions");
        assertError(identity.put("/sessions/" + id, token, json("name", unique("x"))), 403,
                "FORBIDDEN: Not permitted to update sessions");
        assertError(identity.post("/sessions/" + id + "/close", token, "{}"), 403,
                "FORBIDDEN: Not permitted to update sessions");
        assertError(identity.post("/sessions/" + id + "/remix", token, "{}"), 403,
                "FORBIDDEN: Not permitted to create sessions");
        assertError(identity.delete("/sessions/" + id, token), 403, "FORBIDDEN: Not permitted to delete sessions");
        assertError(identity.get("/sessions/" + id + "/events", token), 403, "FORBIDDEN: Not permitted to audit sessions");
        assertThat(sessions.get(id).get("state").asString()).isEqualTo("init");
    }

    @Test
    void viewersReadButCannotChangeOrAudit() {
        String id = id(sessions.create());
        String token = sessions.account("viewer", null).token();

        assertThat(ok(identity.get("/sessions/" + id, token), 200)).isEqualTo(sessions.get(id));
        assertThat(IdentityApi.column(identity.get("/sessions?limit=1000", token), "id")).contains(id);
        assertError(identity.post("/sessions", token, "{}"), 403, "FORBIDDEN: Not permitted to create sessions");
        assertError(identity.put("/sessions/" + id, token, json("name", unique("x"))), 403,
                "FORBIDDEN: Not permitted to update sessions");
        assertError(identity.post("/sessions/" + id + "/close", token, "{}"), 403,
                "FORBIDDEN: Not permitted to update sessions");
        assertError(identity.delete("/sessions/" + id, token), 403, "FORBIDDEN: Not permitted to delete sessions");
        assertError(identity.get("/sessions/" + id + "/events", token), 403, "FORBIDDEN: Not permitted to audit sessions");
    }

    @Test
    void operatorOfOneSpaceWorksThereOnly() {
        String space = unique("space");
        identity.createSpace(space);
        String token = sessions.account("operator", space).token();
        String elsewhere = id(sessions.create());

        JsonNode mine = ok(identity.post("/sessions", token, json("space", space)), 201);
        assertThat(mine.get("created_by").asString()).startsWith("operator-");
        assertError(identity.post("/sessions", token, "{}"), 403, "FORBIDDEN: Not permitted to create sessions");

        Response visible = identity.get("/sessions", token);
        assertList(visible, 1, 0, 100);
        assertThat(SessionApi.strings(visible.json(), "id")).containsExactly(id(mine));
        assertThat(ok(identity.post("/sessions/" + id(mine) + "/close", token, "{}"), 200).get("state").asString())
                .isEqualTo("closed");
        assertThat(ok(identity.get("/sessions/" + id(mine) + "/events", token), 200)).hasSize(2);

        assertError(identity.get("/sessions/" + elsewhere, token), 403, "FORBIDDEN: Not permitted to get sessions");
        assertError(identity.post("/sessions/" + elsewhere + "/close", token, "{}"), 403,
                "FORBIDDEN: Not permitted to update sessions");
        assertError(identity.delete("/sessions/" + elsewhere, token), 403, "FORBIDDEN: Not permitted to delete sessions");
        assertThat(sessions.get(elsewhere).get("state").asString()).isEqualTo("init");
    }

    /** A new session of space {@code default} as the create answer shows it, also under its Location. */
    private void assertNewDefaultSession(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        String id = response.json().get("id").asString();
        JsonNode session = assertCreated(response, "/api/v0/sessions/" + id);
        assertFields(session, SESSION_FIELDS);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(session.get("state").asString()).isEqualTo("init");
        assertThat(session.get("space").asString()).isEqualTo("default");
        assertThat(session.get("created_by").asString()).isEqualTo("admin");
        assertThat(session.get("metadata")).isEqualTo(ApiClient.JSON.readTree("{}"));
        assertThat(session.get("image").asString()).isNotBlank();
        for (String unset : new String[] {"name", "state_reason", "parent_session_id", "forked_from_message_seq",
                "container_id", "closed_at"}) {
            assertThat(session.get(unset).isNull()).as(unset).isTrue();
        }
        assertTimestamp(session, "created_at");
        assertThat(session.get("updated_at")).isEqualTo(session.get("created_at"));
        assertThat(api().get(response.header("Location"), adminToken()).json()).isEqualTo(session);
    }
}
