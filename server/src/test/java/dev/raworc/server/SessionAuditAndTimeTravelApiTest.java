package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static dev.raworc.server.SessionApi.EVENT_FIELDS;
import static dev.raworc.server.SessionApi.SESSION_FIELDS;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionApi.ok;
import static dev.raworc.server.SessionApi.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.SessionApi.Account;

/**
 * A session's audit history, {@code GET /sessions/{id}/events}, and time travel,
 * {@code GET /sessions/{id}?as_of=} (spec §6): both read the session's events.
 */
class SessionAuditAndTimeTravelApiTest extends SessionsApiTest {

    // --- audit history

    @Test
    void historyListsTheWholeLifeInOrderWithPrincipalsAlsoAfterDelete() {
        Account operator = sessions.account("operator", null);
        String name = unique("audited");
        String id = id(ok(identity.post("/sessions", operator.token(), json("name", name)), 201));
        ok(sessions.postMessage(id, operator.token(), json("role", "system", "content", "hello")), 201);
        sessions.moveTo(id, "idle");
        ok(sessions.postMessage(id, operator.token(), json("content", "do the task")), 201);
        sessions.moveTo(id, "idle");
        assertNoContent(identity.delete("/sessions/" + id + "/messages", operator.token()));
        ok(identity.post("/sessions/" + id + "/close", operator.token(), "{}"), 200);
        assertNoContent(identity.delete("/sessions/" + id, operator.token()));

        Response response = identity.get("/sessions/" + id + "/events", operator.token());

        JsonNode history = assertList(response, 9, 0, 100);
        String op = operator.user();
        assertThat(strings(history, "type")).containsExactly("SessionCreatedEvent", "MessagePostedEvent",
                "SessionStateChangedEvent", "MessagePostedEvent", "SessionStateChangedEvent", "SessionStateChangedEvent",
                "MessagesClearedEvent", "SessionClosedEvent", "SessionDeletedEvent");
        assertThat(strings(history, "principal")).containsExactly(op, op, "admin", op, op, "admin", op, op, op);
        assertThat(strings(history, "seq")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<Instant> times = new ArrayList<>();
        for (JsonNode event : history) {
            assertFields(event, EVENT_FIELDS);
            assertTimestamp(event, "occurred_at");
            times.add(Instant.parse(event.get("occurred_at").asString()));
        }
        assertThat(times).isSorted();

        assertThat(history.get(0).get("data").get("name").asString()).isEqualTo(name);
        assertThat(history.get(1).get("data").get("content").asString()).isEqualTo("hello");
        assertThat(history.get(3).get("data").get("content").asString()).isEqualTo("do the task");
        assertThat(history.get(3).get("data").get("seq").asLong()).isEqualTo(2);
        assertThat(history.get(6).get("data").get("up_to_seq").asLong()).isEqualTo(2);
    }

    @Test
    void historyTellsStatesAndRolesInLowerCaseAsEverywhereOnTheWire() {
        String id = id(sessions.create());
        sessions.moveTo(id, "idle");
        sessions.post(id, "user", "task");

        JsonNode history = sessions.events(id);

        assertThat(history.get(1).get("data").get("from").asString()).isEqualTo("init");
        assertThat(history.get(1).get("data").get("to").asString()).isEqualTo("idle");
        assertThat(history.get(2).get("data").get("role").asString()).isEqualTo("user");
        assertThat(history.get(3).get("data").get("to").asString()).isEqualTo("busy");
    }

    @Test
    void historyIsPaged() {
        String id = id(sessions.create());
        sessions.postSystem(id, "1", "2", "3", "4", "5");

        Response page = identity.get("/sessions/" + id + "/events?limit=2&offset=3");

        assertList(page, 6, 3, 2);
        assertThat(strings(page.json(), "seq")).containsExactly("4", "5");
        assertThat(page.json().get(0).get("data").get("content").asString()).isEqualTo("3");
    }

    @Test
    void historyNeedsTheAuditPermission() {
        String id = id(sessions.create());
        String missing = UUID.randomUUID().toString();

        assertError(identity.get("/sessions/" + id + "/events", sessions.account("viewer", null).token()), 403,
                "FORBIDDEN: Not permitted to audit sessions");
        assertError(identity.get("/sessions/" + missing + "/events"), 404, "NOT_FOUND: Session '" + missing + "' not found");
    }

    // --- time travel

    @Test
    void asOfShowsTheSessionAsItWasAcrossRenameStateChangeAndMessages() {
        String first = unique("before");
        String second = unique("after");
        Instant beforeCreation = mark();
        String id = id(sessions.create("{\"name\":\"" + first + "\",\"metadata\":{\"v\":1}}"));
        Instant created = mark();
        sessions.post(id, "system", "one");
        Instant oneMessage = mark();
        ok(identity.put("/sessions/" + id, json("name", second)), 200);
        Instant renamed = mark();
        ok(identity.put("/sessions/" + id, "{\"metadata\":{\"v\":2}}"), 200);
        Instant newMetadata = mark();
        sessions.moveTo(id, "idle");
        Instant idle = mark();
        sessions.post(id, "user", "two");
        Instant busy = mark();

        assertError(asOf(id, beforeCreation), 404,
                "NOT_FOUND: Session '" + id + "' did not exist at " + beforeCreation);
        assertAsOf(id, created, first, "init", "{\"v\":1}", 0);
        assertAsOf(id, oneMessage, first, "init", "{\"v\":1}", 1);
        assertAsOf(id, renamed, second, "init", "{\"v\":1}", 1);
        assertAsOf(id, newMetadata, second, "init", "{\"v\":2}", 1);
        assertAsOf(id, idle, second, "idle", "{\"v\":2}", 1);
        assertAsOf(id, busy, second, "busy", "{\"v\":2}", 2);

        JsonNode now = sessions.get(second);
        JsonNode then = ok(asOf(second, created), 200);
        assertThat(then.get("id").asString()).isEqualTo(id);
        assertThat(then.get("created_at")).isEqualTo(now.get("created_at"));
        assertThat(then.get("space")).isEqualTo(now.get("space"));
        assertThat(then.get("image")).isEqualTo(now.get("image"));
    }

    @Test
    void asOfCountsOnlyTheMessagesLeftAfterAClearAndShowsTheClose() {
        String id = id(sessions.create());
        sessions.postSystem(id, "one", "two");
        assertNoContent(identity.delete("/sessions/" + id + "/messages"));
        sessions.postSystem(id, "three");
        Instant cleared = mark();
        sessions.close(id);
        Instant closed = mark();

        JsonNode beforeClose = ok(asOf(id, cleared), 200);
        assertThat(beforeClose.get("message_count").asLong()).isEqualTo(1);
        assertThat(beforeClose.get("closed_at").isNull()).isTrue();
        JsonNode afterClose = ok(asOf(id, closed), 200);
        assertThat(afterClose.get("state").asString()).isEqualTo("closed");
        assertThat(afterClose.get("closed_at")).isEqualTo(sessions.get(id).get("closed_at"));
    }

    @Test
    void asOfAnswersWithEveryFieldOfTheSession() {
        String id = id(sessions.create());
        Instant created = mark();

        JsonNode then = ok(asOf(id, created), 200);

        assertFields(then, Stream.concat(Arrays.stream(SESSION_FIELDS), Stream.of("message_count", "as_of"))
                .toArray(String[]::new));
        assertThat(then.get("created_by").asString()).isEqualTo("admin");
    }

    @Test
    void asOfTakesAnyRfc3339OffsetAndRefusesOtherTimes() {
        String id = id(sessions.create());
        Instant created = mark();

        JsonNode utc = ok(asOf(id, created), 200);
        String plusTwo = created.atOffset(ZoneOffset.ofHours(2)).toString();
        JsonNode offset = ok(identity.get("/sessions/" + id + "?as_of=" + URLEncoder.encode(plusTwo, StandardCharsets.UTF_8)), 200);
        assertThat(offset.get("state")).isEqualTo(utc.get("state"));
        assertThat(offset.get("created_at")).isEqualTo(utc.get("created_at"));

        String expected = "BAD_REQUEST: Query parameter 'as_of' must be an RFC 3339 time such as 2026-11-28T12:00:00.000Z";
        for (String invalid : new String[] {"yesterday", "2026-13-01T00:00:00Z", "1700000000", ""}) {
            assertError(identity.get("/sessions/" + id + "?as_of=" + invalid), 400, expected);
        }
    }

    private Response asOf(String idOrName, Instant instant) {
        return identity.get("/sessions/" + idOrName + "?as_of=" + instant);
    }

    private void assertAsOf(String id, Instant instant, String name, String state, String metadata, long messages) {
        JsonNode then = ok(asOf(id, instant), 200);
        assertThat(then.get("name").asString()).as("name as of %s", instant).isEqualTo(name);
        assertThat(then.get("state").asString()).as("state as of %s", instant).isEqualTo(state);
        assertThat(then.get("metadata")).as("metadata as of %s", instant).isEqualTo(ApiClient.JSON.readTree(metadata));
        assertThat(then.get("message_count").asLong()).as("message count as of %s", instant).isEqualTo(messages);
    }

    /**
     * Now, at the millisecond precision event times are stored with; returns only once the clock
     * has passed that millisecond, so what happens next is stored as later than the mark.
     */
    private static Instant mark() {
        long millis = System.currentTimeMillis();
        while (System.currentTimeMillis() == millis) {
            Thread.onSpinWait();
        }
        return Instant.ofEpochMilli(millis);
    }
}
