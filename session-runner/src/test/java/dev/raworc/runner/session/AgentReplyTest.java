package dev.raworc.runner.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.runner.docker.AgentRun;

class AgentReplyTest {

    private static final int MAX = PostMessageCommand.MAX_CONTENT_BYTES;
    private static final MessagePostedEvent TASK =
            new MessagePostedEvent(UUID.randomUUID(), UUID.randomUUID(), 7, MessageRole.USER, "do it", Map.of());

    @Test
    void theOutputWithoutItsLastNewlineAnswersTheTask() {
        AgentReply reply = AgentReply.of(TASK, run("done\n\n", "", false, 0, false));

        assertThat(reply.content()).isEqualTo("done\n");
        assertThat(reply.metadata()).containsExactly(Map.entry("in_reply_to", 7L), Map.entry("exit_code", 0),
                Map.entry("duration_ms", 12L), Map.entry("error", false));
    }

    @Test
    void aFailureWithoutOutputAnswersWithItsErrorsOrANote() {
        assertThat(AgentReply.of(TASK, run("", " broken\n", false, 3, false)).content()).isEqualTo("broken");
        AgentReply late = AgentReply.of(TASK, run("", "", false, null, true));
        assertThat(late.content()).isEqualTo("The agent did not answer in time");
        assertThat(late.metadata()).containsEntry("timed_out", true).containsEntry("error", true);
    }

    @Test
    void nulCharactersBecomeReplacementCharacters() {
        assertThat(AgentReply.of(TASK, run("a\0b\0", "", false, 0, false)).content()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(AgentReply.of(TASK, run("", "x\0", false, 1, false)).content()).isEqualTo("x\uFFFD");
    }

    @Test
    void outputCutByTheRunnerIsSaidToBe() {
        AgentReply reply = AgentReply.of(TASK, run("a".repeat(MAX), "", true, 0, false));

        assertThat(reply.content()).hasSize(MAX);
        assertThat(reply.metadata()).containsEntry("truncated", true);
    }

    @Test
    void textThatGrowsBeyondAMessageIsCutBetweenCharacters() {
        // one NUL more than fits: as U+FFFD it takes three bytes
        String grown = AgentReply.of(TASK, run("a".repeat(MAX - 2) + "\0", "", false, 0, false)).content();
        // a four-byte character across the limit is left out whole
        String emoji = AgentReply.of(TASK, run("a".repeat(MAX - 1) + "😀", "", false, 0, false)).content();

        assertThat(grown).isEqualTo("a".repeat(MAX - 2));
        assertThat(emoji).isEqualTo("a".repeat(MAX - 1));
        assertThat(AgentReply.of(TASK, run("a".repeat(MAX - 1) + "😀", "", false, 0, false)).metadata())
                .containsEntry("truncated", true);
        assertThat(AgentReply.of(TASK, run("a".repeat(MAX - 4) + "😀", "", false, 0, false)).content()
                .getBytes(StandardCharsets.UTF_8)).hasSize(MAX);
    }

    private static AgentRun run(String stdout, String stderr, boolean truncated, Integer exitCode, boolean timedOut) {
        return new AgentRun(stdout, stderr, truncated, exitCode, timedOut, Duration.ofMillis(12), java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty()));
    }
}
