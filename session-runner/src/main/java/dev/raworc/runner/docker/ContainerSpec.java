package dev.raworc.runner.docker;

import java.util.Map;
import java.util.UUID;

/** What a session's container is made of. {@code environment} holds secrets: never log it. */
public record ContainerSpec(UUID sessionId, String space, String image, Map<String, String> environment) {

    @Override
    public String toString() {
        return "ContainerSpec[session=" + sessionId + ", space=" + space + ", image=" + image + "]";
    }
}
