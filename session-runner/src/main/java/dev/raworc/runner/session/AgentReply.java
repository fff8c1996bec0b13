package dev.raworc.runner.session;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.runner.docker.AgentRun;

/**
 * The {@code AGENT} message answering a task: the agent's output without its last newline (for a
 * failure without output, its errors or a note), made storable. U+0000, which an agent may well
 * print but PostgreSQL cannot store (no projection could write the message), becomes U+FFFD;
 * output beyond a message's 1 MiB is cut, and the metadata says so.
 */
record AgentReply(String content, Map<String, Object> metadata) {

    static AgentReply of(MessagePostedEvent task, AgentRun run) {
        String text = text(run).replace('\0', '\uFFFD');
        String content = withinLimit(text);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("in_reply_to", task.seq());
        metadata.put("exit_code", run.exitCode());
        metadata.put("duration_ms", run.duration().toMillis());
        metadata.put("error", run.failed());
        if (run.timedOut()) {
            metadata.put("timed_out", true);
        }
        if (run.truncated() || content.length() < text.length()) {
            metadata.put("truncated", true);
        }
        return new AgentReply(content, metadata);
    }

    private static String text(AgentRun run) {
        String out = run.stdout().endsWith("\n") ? run.stdout().substring(0, run.stdout().length() - 1) : run.stdout();
        if (!out.isEmpty() || !run.failed()) {
            return out;
        }
        return run.timedOut() ? "The agent did not answer in time" : run.stderr().strip();
    }

    /** The longest start of the text that fits a message, cut between characters. */
    private static String withinLimit(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= PostMessageCommand.MAX_CONTENT_BYTES) {
            return text;
        }
        int end = PostMessageCommand.MAX_CONTENT_BYTES;
        while ((utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }
}
