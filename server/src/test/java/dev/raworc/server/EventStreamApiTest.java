package dev.raworc.server;

import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.SseClient.Event;

/**
 * {@code GET /sessions/{id}/events/stream} and {@code GET /spaces/{name}/events/stream}: events as
 * they are stored, resumable by position, for as long as the caller may read them.
 */
class EventStreamApiTest extends ApiTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    private IdentityApi identity;
    private SessionApi sessions;
    private String token;
    private final List<SseClient> open = new ArrayList<>();

    @BeforeEach
    void connect() {
        token = adminToken();
        identity = new IdentityApi(api(), token);
        sessions = new SessionApi(identity);
    }

    @AfterEach
    void closeStreams() {
        open.forEach(SseClient::close);
    }

    @Test
    void aStreamReceivesEventsAsTheyAreWritten() {
        String session = id(sessions.create());
        SseClient stream = open("/sessions/" + session + "/events/stream", token, Map.of());
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("text/event-stream");

        sessions.postSystem(session, "hello");
        Event event = stream.nextEvent(SOON);
        JsonNode item = event.json();
        assertThat(item.get("type").asString()).isEqualTo("MessagePostedEvent");
        assertThat(item.get("session_id").asString()).isEqualTo(session);
        assertThat(item.get("data").get("content").asString()).isEqualTo("hello");
        assertThat(item.get("principal").asString()).isEqualTo("admin");
        assertThat(item.get("position").asString()).isEqualTo(event.id());
        assertThat(item.get("seq").asLong()).isEqualTo(lastSeq(session));
        IdentityApi.assertTimestamp(item, "occurred_at");
    }

    @Test
    void aReconnectResumesAfterItsLastEventWithNoGapAndNoDuplicate() {
        String session = id(sessions.create());
        SseClient first = open("/sessions/" + session + "/events/stream", token, Map.of());
        sessions.postSystem(session, "one", "two", "three");
        first.nextEvent(SOON);
        Event second = first.nextEvent(SOON);
        first.close();
        sessions.postSystem(session, "four", "five");

        SseClient resumed = open("/sessions/" + session + "/events/stream", token, Map.of("Last-Event-ID", second.id()));
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contents.add(resumed.nextEvent(SOON).json().get("data").get("content").asString());
        }
        assertThat(contents).containsExactly("three", "four", "five");
        awaitProjections();
        assertThat(resumed.drain()).isEmpty();

        SseClient byParameter = open("/sessions/" + session + "/events/stream?after=" + second.id(), token, Map.of());
        assertThat(byParameter.nextEvent(SOON).json().get("data").get("content").asString()).isEqualTo("three");
    }

    @Test
    void fromTheStartOfTheLogAStreamReplaysTheSessionsHistory() {
        String session = id(sessions.create());
        SseClient stream = open("/sessions/" + session + "/events/stream?after=-1", token, Map.of());

        JsonNode created = stream.nextEvent(SOON).json();
        assertThat(created.get("type").asString()).isEqualTo("SessionCreatedEvent");
        assertThat(created.get("seq").asLong()).isEqualTo(1);
    }

    @Test
    void idleStreamsGetHeartbeats() {
        SseClient stream = open("/sessions/" + id(sessions.create()) + "/events/stream", token, Map.of());
        Eventually.await(SOON, "a heartbeat comment", () -> stream.comments() > 0);
    }

    @Test
    void aStreamEndsWhenItsCallersBindingIsDeleted() {
        String space = identity.createSpace(IdentityApi.unique("stream")).get("name").asString();
        String session = id(sessions.createIn(space));
        String user = IdentityApi.unique("follower");
        identity.createAccount(user);
        String binding = identity.bind("operator", user, space).get("id").asString();
        String follower = identity.login(user);
        SseClient stream = open("/sessions/" + session + "/events/stream", follower, Map.of());
        assertThat(stream.status()).isEqualTo(200);

        IdentityApi.assertNoContent(identity.delete("/role-bindings/" + binding));

        Event revoked = stream.next(SOON);
        assertThat(revoked.name()).isEqualTo("revoked");
        assertThat(revoked.json().get("error").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(stream.endsWithin(SOON)).isTrue();
    }

    @Test
    void aStreamEndsWhenItsTokenIsRevoked() {
        String user = IdentityApi.unique("follower");
        identity.createAccount(user);
        identity.bind("operator", user, null);
        String follower = identity.login(user);
        SseClient stream = open("/sessions/" + id(sessions.create()) + "/events/stream", follower, Map.of());

        assertThat(identity.put("/service-accounts/" + user + "/password",
                IdentityApi.json("new_password", "another-password-for-the-follower-1")).status()).isEqualTo(204);

        assertThat(stream.next(SOON).name()).isEqualTo("revoked");
        assertThat(stream.endsWithin(SOON)).isTrue();
    }

    @Test
    void aSpaceStreamCarriesEverySessionOfTheSpaceAndNoOther() {
        String space = identity.createSpace(IdentityApi.unique("stream")).get("name").asString();
        String follower = identity.tokenBoundTo("operator", space);
        SseClient stream = open("/spaces/" + space + "/events/stream", follower, Map.of());
        assertThat(stream.status()).isEqualTo(200);

        String outside = id(sessions.create());
        sessions.postSystem(outside, "elsewhere");
        String first = id(sessions.createIn(space));
        String second = id(sessions.createIn(space));
        sessions.postSystem(second, "here");

        assertThat(stream.nextEvent(SOON).json().get("session_id").asString()).isEqualTo(first);
        JsonNode created = stream.nextEvent(SOON).json();
        assertThat(created.get("session_id").asString()).isEqualTo(second);
        assertThat(created.get("type").asString()).isEqualTo("SessionCreatedEvent");
        assertThat(stream.nextEvent(SOON).json().get("data").get("content").asString()).isEqualTo("here");
        awaitProjections();
        assertThat(stream.drain()).isEmpty();
    }

    @Test
    void refusedStreamsAnswerWithTheErrorEnvelope() {
        String session = id(sessions.create());
        String stream = "/sessions/" + session + "/events/stream";
        assertRefused(open(stream, null, Map.of()), 401, "UNAUTHORIZED");
        assertRefused(open(stream, identity.tokenBoundTo("viewer", null), Map.of()), 403, "FORBIDDEN");
        assertRefused(open("/sessions/no-such-session/events/stream", token, Map.of()), 404, "NOT_FOUND");
        assertRefused(open(stream + "?after=soon", token, Map.of()), 400, "BAD_REQUEST");
        assertRefused(open(stream, token, Map.of("Last-Event-ID", "12:40")), 400, "BAD_REQUEST");
        assertRefused(open("/spaces/no-such-space/events/stream", token, Map.of()), 404, "NOT_FOUND");
        String space = identity.createSpace(IdentityApi.unique("stream")).get("name").asString();
        assertRefused(open("/spaces/" + space + "/events/stream", identity.tokenBoundTo("viewer", space), Map.of()), 403,
                "FORBIDDEN");
    }

    private SseClient open(String path, String bearer, Map<String, String> headers) {
        SseClient stream = SseClient.open(port, path, bearer, headers);
        open.add(stream);
        return stream;
    }

    private long lastSeq(String session) {
        JsonNode events = identity.get("/sessions/" + session + "/events?limit=1000").json();
        return events.get(events.size() - 1).get("seq").asLong();
    }

    private static void assertRefused(SseClient stream, int status, String code) {
        assertThat(stream.status()).as(stream.errorBody()).isEqualTo(status);
        assertThat(ApiClient.JSON.readTree(stream.errorBody()).get("error").get("code").asString()).isEqualTo(code);
    }
}
