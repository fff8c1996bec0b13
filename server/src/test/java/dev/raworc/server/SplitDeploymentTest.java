package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.MessageLoad.Acknowledged;
import dev.raworc.server.SplitDeployment.Side;

/**
 * The split deployment proven end to end: 1 command, 2 query and 2 runner processes, each the
 * server jar in its own JVM, on one PostgreSQL, behind the gateway's real routing rules. Every
 * endpoint group works through the gateway, each write is seen at once by every query process,
 * the chat flow runs with files (uploads, checkpoints, a remix from a past message), and the loss
 * of a query process and a runner under load loses no acknowledged write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentTest {

    /** How long a runner may be silent before its sessions are lost; short, so the test sees it. */
    private static final Duration LOST_AFTER = Duration.ofSeconds(6);
    /** The survivors' takeover bound: a killed process's segments are claimable after 5 s, claims retried every 1 s. */
    private static final Duration TAKEOVER = Duration.ofSeconds(15);
    private static final Duration READY = Duration.ofSeconds(60);

    private SplitDeployment deployment;
    private ApiClient api;
    private String token;
    private final List<String> sessions = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        deployment = SplitDeployment.start(2, List.of("a", "b"), "--raworc.runner.lost-after=" + LOST_AFTER.toSeconds() + "s",
                "--raworc.runner.agent-timeout=20s", "--raworc.streams.heartbeat=1s", "--raworc.webhooks.allow-private-targets=true");
        api = deployment.api();
        token = api.login("admin", SplitDeployment.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (deployment == null) {
            return;
        }
        try {
            for (String id : sessions) {
                api.send("DELETE", "/api/v0/sessions/" + id, token, null, null);
            }
            SessionContainers.awaitRemoved(sessions, READY);
        } finally {
            deployment.close();
        }
    }

    @Test
    @Order(1)
    void everyEndpointGroupAnswersThroughTheGatewayAndEveryQueryProcessSeesEachWriteAtOnce() {
        new EndpointTour(api, token, this::seenByEveryQueryProcess).run();
    }

    @Test
    @Order(2)
    void aChatRunsWithItsFilesThroughCloseRestoreAndRemix() {
        String id = created(api.postJson("/api/v0/sessions", token, "{\"metadata\":{\"purpose\":\"split chat\"}}"));
        awaitState(id, "idle");
        String files = "/api/v0/sessions/" + id + "/files/";
        SessionApi.ok(api.send("PUT", files + "in/up.txt", token, "text/plain", "uploaded"), 201);
        seenByEveryQueryProcess(files + "in/up.txt", read -> read.text().equals("uploaded"));
        assertThat(ask(id, "cat /session/in/up.txt; echo; echo kept > /session/kept; echo stored")).isEqualTo("uploaded\nstored");

        assertThat(SessionApi.ok(api.postJson("/api/v0/sessions/" + id + "/close", token, null), 200).get("state").asString())
                .isEqualTo("closed");
        seenByEveryQueryProcess("/api/v0/sessions/" + id, session -> session.json().get("state").asString().equals("closed"));
        Eventually.await(READY, "the agent's file to show once checkpointed", () -> api.get(files + "kept", token).text().equals("kept\n"));
        // INIT until its container is ready again, which a runner may report before the answer is made
        assertThat(SessionApi.ok(api.postJson("/api/v0/sessions/" + id + "/restore", token, null), 200).get("state").asString())
                .isIn("init", "idle");
        awaitState(id, "idle");
        assertThat(ask(id, "cat /session/kept")).isEqualTo("kept");

        String child = created(api.postJson("/api/v0/sessions/" + id + "/remix", token, "{\"copy_data\":true}"));
        seenByEveryQueryProcess("/api/v0/sessions/" + child, session -> session.json().get("parent_session_id").asString().equals(id));
        awaitState(child, "idle");
        assertThat(ask(child, "cat /session/kept")).isEqualTo("kept");

        // files of a past message come from the content store: the remix may run on either runner
        JsonNode checkpoints = api.get("/api/v0/sessions/" + id + "/checkpoints", token).json();
        long replied = checkpoints.get(checkpoints.size() - 1).get("message_seq").asLong();
        String past = created(api.postJson("/api/v0/sessions/" + id + "/remix", token, "{\"up_to_message_seq\":" + replied + "}"));
        seenByEveryQueryProcess("/api/v0/sessions/" + past + "/files/kept", read -> read.text().equals("kept\n"));
        awaitState(past, "idle");
        assertThat(ask(past, "cat /session/kept /session/in/up.txt")).isEqualTo("kept\nuploaded");
    }

    /**
     * The runner is a process of its own and the stream is served by whichever query process the
     * gateway picks: the agent's output reaches it through PostgreSQL (NOTIFY), seconds before the
     * reply. Both query processes run webhook workers, yet each event is delivered once, in order.
     */
    @Test
    @Order(3)
    void aStreamThroughTheGatewayShowsARunnersLiveOutputAndWebhooksDeliverEachEventOnce() throws Exception {
        IdentityApi identity = new IdentityApi(api, token);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode webhook = new WebhookApi(identity).create(receiver.url(), "default", List.of());
            String id = created(api.postJson("/api/v0/sessions", token, null));
            awaitState(id, "idle");
            try (SseClient stream = SseClient.open(api.port(), "/sessions/" + id + "/events/stream", token, Map.of())) {
                assertThat(stream.status()).as(stream.errorBody()).isEqualTo(200);
                Response posted = api.postJson("/api/v0/sessions/" + id + "/messages", token, "{\"content\":\"echo started; sleep 3; echo finished\"}");
                SessionApi.ok(posted, 201);
                assertThat(stream.nextOutput("stdout", READY).json().get("text").asString()).isEqualTo("started\n");
                long startedAt = System.nanoTime();
                assertThat(stream.nextReply(READY).get("data").get("content").asString()).contains("started", "finished");
                assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThan(Duration.ofSeconds(2));
                assertThat(stream.comments()).as("heartbeats pass the gateway unbuffered").isPositive();
            }

            Eventually.await(READY, "every event of the session delivered once, in order", () -> deliveredAsLogged(receiver, id));
            Thread.sleep(2_000); // time for a second worker to deliver one again, were it to
            Eventually.await(READY, "no event delivered twice", () -> deliveredAsLogged(receiver, id));
            List<WebhookReceiver.Received> received = receiver.about(id);
            String secret = webhook.get("secret").asString();
            assertThat(received).allMatch(delivery -> delivery.signedWith(secret));
            assertThat(api.send("DELETE", "/api/v0/webhooks/" + webhook.get("id").asString(), token, null, null).status()).isEqualTo(204);
        }
    }

    @Test
    @Order(4)
    void killingAQueryProcessAndARunnerUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        List<String> loaded = List.of(created(api.postJson("/api/v0/sessions", token, null)),
                created(api.postJson("/api/v0/sessions", token, null)), created(api.postJson("/api/v0/sessions", token, null)));
        loaded.forEach(id -> awaitState(id, "idle"));
        MessageLoad load = new MessageLoad(loaded);
        ExecutorService clients = load.untilTheServerDies(deployment.side("command").port(), token, 6);

        Thread.sleep(2_000);
        deployment.side("query-1").kill();
        Side runnerB = deployment.side("runner-b");
        runnerB.kill();
        Thread.sleep(2_000);
        clients.shutdownNow();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(load.refused()).as("answers other than 201 while processes died").isEmpty();
        assertThat(load.acknowledged()).isNotEmpty();
        ApiClient survivor = deployment.side("query-2").api();
        Eventually.await(TAKEOVER, "query-2 to show every acknowledged message", () -> showsAll(survivor, load.acknowledged()));
        AcknowledgedMessages.assertListed(api, token, load.acknowledged(), "after kill -9 of query-1 and runner-b");
        String after = created(api.postJson("/api/v0/sessions", token, null));
        awaitState(after, "idle");
        assertThat(ask(after, "echo still serving")).isEqualTo("still serving");

        for (String id : loaded) {
            Eventually.await(LOST_AFTER.plus(TAKEOVER), "session " + id + " to be idle, or errored as lost with runner-b", () -> {
                JsonNode session = api.get("/api/v0/sessions/" + id, token).json();
                String state = session.get("state").asString();
                return state.equals("idle") || state.equals("errored") && session.get("state_reason").asString().equals("runner_lost");
            });
        }
    }

    /** The read the client makes right after its write, on each query process, with no wait between. */
    private void seenByEveryQueryProcess(String path, Predicate<Response> seen) {
        for (Side query : deployment.queries()) {
            if (query.process().isAlive()) {
                Response read = query.api().get(path, token);
                assertThat(seen.test(read)).as("%s sees its write at once: GET %s → %d %s", query.name(), path, read.status(), read.text())
                        .isTrue();
            }
        }
    }

    /** Whether the receiver got the session's events, as its history lists them, each once. */
    private boolean deliveredAsLogged(WebhookReceiver receiver, String id) {
        List<Long> logged = api.get("/api/v0/sessions/" + id + "/events", token).json().valueStream().map(event -> event.get("seq").asLong()).toList();
        List<WebhookReceiver.Received> received = receiver.about(id);
        return received.stream().map(delivery -> delivery.json().get("seq").asLong()).toList().equals(logged)
                && received.stream().map(WebhookReceiver.Received::id).distinct().count() == received.size();
    }

    private boolean showsAll(ApiClient query, List<Acknowledged> acknowledged) {
        Map<String, Long> expected = acknowledged.stream().collect(Collectors.groupingBy(Acknowledged::session, Collectors.counting()));
        return expected.entrySet().stream().allMatch(session -> {
            Response count = query.get("/api/v0/sessions/" + session.getKey() + "/messages/count?role=system", token);
            return count.status() == 200 && count.json().get("count").asLong() >= session.getValue();
        });
    }

    private String created(Response response) {
        String id = SessionApi.id(SessionApi.ok(response, 201));
        sessions.add(id);
        return id;
    }

    private void awaitState(String id, String state) {
        Eventually.await(READY, "session " + id + " to be " + state,
                // a query process that just took over a dead one's segments may not show the session yet
                () -> state.equals(api.get("/api/v0/sessions/" + id, token).json().path("state").asString()));
    }

    /** Posts a task and long-polls for the agent's reply to it. */
    private String ask(String id, String task) {
        Response posted = api.postJson("/api/v0/sessions/" + id + "/messages", token, ApiClient.JSON.writeValueAsString(Map.of("content", task)));
        long seq = SessionApi.ok(posted, 201).get("seq").asLong();
        Response reply = api.get("/api/v0/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=30", token);
        assertThat(reply.json().size()).as("a reply to task " + seq).isEqualTo(1);
        return reply.json().get(0).get("content").asString().trim();
    }
}
