package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.server.MessageLoad.Acknowledged;

/**
 * Two command processes on one database post to the same session at once. Each loads the session,
 * may find the other appended meanwhile, and loses the race on the event store's unique key: the
 * command is retried on fresh state, so the client sees no conflict and the seqs stay 1 … n.
 */
class CommandProcessesConcurrencyTest {

    private static final int CLIENTS_PER_PROCESS = 8;
    private static final Duration LOAD = Duration.ofSeconds(4);

    @Test
    void messagesPostedThroughTwoCommandProcessesAreAllAcceptedAndNumberedWithoutGaps() throws Exception {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query")) {
            ApiClient first = server.api();
            String token = first.login("admin", ApiTest.ADMIN_PASSWORD);
            SessionApi sessions = new SessionApi(new IdentityApi(first, token));
            String session = SessionApi.id(sessions.create());
            ApiClient second = server.startCommandProcess();

            MessageLoad load = new MessageLoad(List.of(session));
            CompletableFuture<List<Double>> throughSecond = CompletableFuture.supplyAsync(() -> post(load, second, token));
            List<Double> throughFirst = post(load, first, token);
            List<Double> secondLatencies = throughSecond.join();

            assertThat(load.refused()).as("answers other than 201").isEmpty();
            assertThat(throughFirst).as("writes through the first process").isNotEmpty();
            assertThat(secondLatencies).as("writes through the second process").isNotEmpty();
            server.awaitProjections();
            List<Acknowledged> acknowledged = load.acknowledged();
            AcknowledgedMessages.assertListed(first, token, acknowledged, "two command processes");
            assertThat(acknowledged).extracting(Acknowledged::seq).doesNotHaveDuplicates()
                    .hasSameElementsAs(SessionApi.seqs(1, acknowledged.size()));
            assertThat(sessions.count(session, "")).as("messages stored").isEqualTo(acknowledged.size());
        }
    }

    /**
     * A process that loaded a session before another process changed it must decide on the change:
     * a restore that saw only its own, older copy would find the session live and do nothing.
     */
    @Test
    void aProcessDecidesOnWhatAnotherProcessChanged() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query")) {
            ApiClient first = server.api();
            String token = first.login("admin", ApiTest.ADMIN_PASSWORD);
            SessionApi throughFirst = new SessionApi(new IdentityApi(first, token));
            SessionApi throughSecond = new SessionApi(new IdentityApi(server.startCommandProcess(), token));
            String session = SessionApi.id(throughFirst.create());
            throughFirst.moveTo(session, "IDLE");

            throughSecond.close(session);
            JsonNode restored = SessionApi.ok(first.postJson("/api/v0/sessions/" + session + "/restore", token, "{}"), 200);

            assertThat(restored.get("state").asString()).as("restored by the process that saw it idle").isEqualTo("init");
        }
    }

    private static List<Double> post(MessageLoad load, ApiClient process, String token) {
        try {
            return load.latencies(process.port(), token, CLIENTS_PER_PROCESS, LOAD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
