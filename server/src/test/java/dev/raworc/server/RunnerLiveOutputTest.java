package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

            // Docker interleaves the two streams in no set order: each chunk is awaited on its own
            List<Event> outputs = new ArrayList<>();
            long firstAt = 0;
            JsonNode reply = null;
            while (reply == null) {
                Event event = stream.next(DockerSessions.READY);
                if ("output".equals(event.name())) {
                    firstAt = outputs.isEmpty() ? System.nanoTime() : firstAt;
                    outputs.add(event);
                } else if (SseClient.isReply(event.json())) {
                    reply = event.json();
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - firstAt)).as("output before the reply").isGreaterThan(Duration.ofSeconds(2));
            assertThat(outputs).extracting(event -> event.json().get("stream").asString() + ":" + event.json().get("text").asString())
                    .contains("stdout:started\n", "stderr:warming up\n");
            JsonNode chunk = outputs.get(0).json();
            assertThat(chunk.get("session_id").asString()).isEqualTo(id);
            assertThat(chunk.get("task_seq").asInt()).isEqualTo(task);
            assertThat(outputs.get(0).id()).as("chunks are not events of the log: no position").isNull();
            assertThat(reply.get("data").get("content").asString()).contains("started", "finished");
        }
    }
}
