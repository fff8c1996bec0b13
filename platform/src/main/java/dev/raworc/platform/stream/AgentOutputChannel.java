package dev.raworc.platform.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries agent output from the runner that runs the task to every process that streams it,
 * through PostgreSQL's {@code NOTIFY} on one channel: no table, nothing kept, and it works the
 * same in one process and across a split deployment.
 */
@Component
public class AgentOutputChannel {

    public static final String NAME = "raworc_agent_output";
    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    static final int MAX_PAYLOAD_BYTES = 7_900;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AgentOutputChannel(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void publish(AgentOutputChunk chunk) {
        for (String payload : payloads(chunk)) {
            jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", NAME).param("payload", payload)
                    .query(Object.class).optional();
        }
    }

    public AgentOutputChunk read(String payload) {
        return json.readValue(payload, AgentOutputChunk.class);
    }

    /** The chunk as payloads small enough for NOTIFY: split in halves until each fits. */
    List<String> payloads(AgentOutputChunk chunk) {
        String payload = json.writeValueAsString(chunk);
        if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES || chunk.text().length() < 2) {
            return List.of(payload);
        }
        int half = chunk.text().length() / 2;
        if (Character.isHighSurrogate(chunk.text().charAt(half - 1))) {
            half--;
        }
        List<String> parts = new ArrayList<>(payloads(withText(chunk, chunk.text().substring(0, half))));
        parts.addAll(payloads(withText(chunk, chunk.text().substring(half))));
        return parts;
    }

    private static AgentOutputChunk withText(AgentOutputChunk chunk, String text) {
        return new AgentOutputChunk(chunk.sessionId(), chunk.taskSeq(), chunk.stream(), text);
    }
}
