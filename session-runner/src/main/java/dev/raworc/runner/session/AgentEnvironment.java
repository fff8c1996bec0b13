package dev.raworc.runner.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.raworc.platform.crypto.SpaceSecrets;
import dev.raworc.platform.security.JwtTokens;
import dev.raworc.runner.RunnerProperties;

/** What the agent finds in its environment: the space's secrets as they are now, and who it works for. Holds secrets: never log it. */
@Component
class AgentEnvironment {

    private final SpaceSecrets secrets;
    private final JwtTokens tokens;
    private final RunnerProperties properties;

    AgentEnvironment(SpaceSecrets secrets, JwtTokens tokens, RunnerProperties properties) {
        this.secrets = secrets;
        this.tokens = tokens;
        this.properties = properties;
    }

    Map<String, String> of(UUID sessionId, String space) {
        Map<String, String> environment = new LinkedHashMap<>(secrets.of(space));
        environment.put("RAWORC_API_URL", properties.apiUrl());
        environment.put("RAWORC_SESSION_ID", sessionId.toString());
        environment.put("RAWORC_SPACE", space);
        environment.put("RAWORC_TOKEN", tokens.issueForSession(sessionId, space).token());
        return environment;
    }
}
