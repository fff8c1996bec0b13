package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Long polling of {@code GET /sessions/{id}/messages?after_seq=N&wait=S} (spec §7): waiters wake
 * promptly on a new message, time out with an empty list, and hold no server thread while they wait.
 */
class MessageLongPollApiTest extends ApiTest {

    private static final Duration REGISTERED = Duration.ofSeconds(20);

    /** A waiter's answer and the moment ({@link System#nanoTime()}) it arrived. */
    private record Arrival(HttpResponse<String> response, long at) {

        JsonNode json() {
            return ApiClient.JSON.readTree(response.body());
        }
    }

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private IdentityApi identity;
    private SessionApi sessions;
    private MessageWaiterProbe waiters;
    private String token;
    private String session;

    @BeforeEach
    void connect() {
        token = adminToken();
        identity = new IdentityApi(api(), token);
        sessions = new SessionApi(identity);
        waiters = new MessageWaiterProbe(context);
        session = id(sessions.create());
        sessions.postSystem(session, "first");
    }

    @Test
    void aWaiterWakesWithin200msOfANewMessage() throws Exception {
        wakeOnce("warm-up, so the measured round pays for no class loading", 1);

        CompletableFuture<Arrival> waiter = waitFor("?after_seq=2&wait=10");
        waiters.await(session, 1, REGISTERED);
        assertThat(waiter).isNotDone();

        JsonNode posted = sessions.post(session, "system", "news");
        long postAnswered = System.nanoTime();

        Arrival arrival = waiter.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(arrival.at() - postAnswered)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(arrival.response().statusCode()).isEqualTo(200);
        assertThat(arrival.json()).containsExactly(posted);
        assertThat(arrival.response().headers().firstValue("X-Total-Count")).hasValue("1");
        waiters.await(session, 0, REGISTERED);
    }

    @Test
    void theWaitEndsWithAnEmptyListAfterTheGivenSeconds() {
        long start = System.nanoTime();
        Response response = sessions.messages(session, "?after_seq=1&wait=1");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertList(response, 0, 0, 100);
        assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
        waiters.await(session, 0, REGISTERED);
    }

    @Test
    void aNewerMessageIsAnsweredAtOnce() {
        long start = System.nanoTime();
        Response response = sessions.messages(session, "?after_seq=0&wait=30");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(SessionApi.seqs(response)).containsExactly(1L);
    }

    @Test
    void aWaiterFilteredByRoleIsWokenOnlyByThatRole() throws Exception {
        CompletableFuture<Arrival> waiter = waitFor("?after_seq=1&role=agent&wait=10");
        waiters.await(session, 1, REGISTERED);

        sessions.post(session, "system", "not for the waiter");
        sessions.post(session, "user", "nor this");
        assertThat(waiter).isNotDone();
        JsonNode agent = sessions.post(session, "agent", "for the waiter");

        assertThat(waiter.get(10, TimeUnit.SECONDS).json()).containsExactly(agent);
    }

    @Test
    void waitsLongerThanSixtySecondsAreBadRequests() {
        String range = "BAD_REQUEST: Query parameter 'wait' must be between 0 and 60 seconds";
        assertError(sessions.messages(session, "?after_seq=1&wait=61"), 400, range);
        assertError(sessions.messages(session, "?after_seq=1&wait=-1"), 400, range);
        assertError(sessions.messages(session, "?after_seq=1&wait=soon"), 400,
                "BAD_REQUEST: Invalid value for parameter 'wait'");
        assertThat(waiters.waiting(session)).isZero();
    }

    @Test
    void twoHundredWaitersDoNotStarveOtherRequestsAndOneMessageWakesThemAll() throws Exception {
        List<CompletableFuture<Arrival>> waiting = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            waiting.add(waitFor("?after_seq=1&wait=30"));
        }
        waiters.await(session, 200, REGISTERED);

        ApiClient other = api();
        for (String path : List.of("/api/v0/health", "/api/v0/sessions?limit=10", "/api/v0/sessions/" + session,
                "/api/v0/sessions/" + session + "/messages", "/api/v0/version", "/api/v0/sessions")) {
            long start = System.nanoTime();
            Response response = other.get(path, token);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(Duration.ofSeconds(1));
            assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
        }
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        JsonNode posted = sessions.post(session, "system", "wake up");

        for (CompletableFuture<Arrival> waiter : waiting) {
            Arrival arrival = waiter.get(20, TimeUnit.SECONDS);
            assertThat(arrival.response().statusCode()).as(arrival.response().body()).isEqualTo(200);
            assertThat(arrival.json()).containsExactly(posted);
        }
        waiters.await(session, 0, REGISTERED);
    }

    /** One unmeasured wake of a waiter after {@code afterSeq}. */
    private void wakeOnce(String why, long afterSeq) throws Exception {
        CompletableFuture<Arrival> waiter = waitFor("?after_seq=" + afterSeq + "&wait=10");
        waiters.await(session, 1, REGISTERED);
        sessions.post(session, "system", why);
        assertThat(waiter.get(10, TimeUnit.SECONDS).response().statusCode()).isEqualTo(200);
        waiters.await(session, 0, REGISTERED);
    }

    /** Sends a long-polling GET of the session's messages without waiting for its answer. */
    private CompletableFuture<Arrival> waitFor(String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + IdentityApi.BASE
                        + "/sessions/" + session + "/messages" + query))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(90))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Arrival(response, System.nanoTime()));
    }
}
