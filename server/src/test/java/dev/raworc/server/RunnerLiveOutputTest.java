package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.SseClient.Event;

/**
 * The agent's output on the session's stream while a task runs, on the real Docker engine: it
 * arrives as it is printed, seconds before the reply that records all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerLiveOutputTest {

    private DockerSessions runner;

    @BeforeAll
    void startServer() {
        runner = DockerSessions.start("live-output", "--raworc.runner.agent-timeout=20s");
    }

    @AfterAll
    void removeSessions() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void outputOfALongTaskArrivesBeforeItsReply() {
        String id = runner.create();
        runner.awaitState(id, "idle");
        try (SseClient stream = SseClient.open(runner.api.port(), "/sessions/" + id + "/events/stream", runner.token, Map.of())) {
            int task = runner.post(id, "echo started; echo warming up >&2; sleep 3; echo finished");

            Event started = stream.nextOutput("stdout", DockerSessions.READY);
            long startedAt = System.nanoTime();
            JsonNode chunk = started.json();
            assertThat(chunk.get("text").asString()).isEqualTo("started\n");
            assertThat(chunk.get("session_id").asString()).isEqualTo(id);
            assertThat(chunk.get("task_seq").asInt()).isEqualTo(task);
            assertThat(started.id()).as("chunks are not events of the log: no position").isNull();
            assertThat(stream.nextOutput("stderr", DockerSessions.READY).json().get("text").asString()).isEqualTo("warming up\n");

            JsonNode reply = stream.nextReply(DockerSessions.READY);
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isGreaterThan(Duration.ofSeconds(2));
            assertThat(reply.get("data").get("content").asString()).contains("started", "finished");
        }
    }
}
