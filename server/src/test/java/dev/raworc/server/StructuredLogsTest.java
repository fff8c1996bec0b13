package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.platform.crypto.TestVault;

/**
 * {@code RAWORC_LOG_FORMAT=ecs} turns every log line into a JSON object; a line written while a
 * request is handled names its request id; no password, token or secret value reaches the log.
 */
class StructuredLogsTest {

    private static final String ADMIN_PASSWORD = "structured-logs-admin-password-5e1b";
    private static final String SECRET_VALUE = "structured-logs-secret-value-a07c";

    @Test
    void linesAreJsonWithTheRequestIdAndNoSecret() throws Exception {
        Path log = ChildServers.log("structured-logs");
        Process server = ChildServers.start(log, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), "--server.port=0",
                "--RAWORC_LOG_FORMAT=ecs", "--raworc.sides=command,query",
                "--raworc.data-dir=" + ServerProcess.newDataDirectory("structured-logs"),
                "--raworc.admin-password=" + ADMIN_PASSWORD, "--raworc.jwt-secret=" + ApiTest.JWT_SECRET,
                "--raworc.master-key=" + TestVault.MASTER_KEY);
        try {
            ApiClient api = new ApiClient(ChildServers.port(log));
            String token = api.login("admin", ADMIN_PASSWORD);
            assertThat(api.postJson("/api/v0/spaces/default/secrets", token,
                    "{\"key\":\"LOGGED_NEVER\",\"value\":\"" + SECRET_VALUE + "\"}").status()).isEqualTo(201);
            assertThat(api.get("/api/v0/spaces/default/secrets/LOGGED_NEVER?show_values=true", token).status()).isEqualTo(200);
            assertThat(api.postJson("/api/v0/auth/login", null, "{\"user\":\"admin\",\"pass\":\"" + ADMIN_PASSWORD + "-wrong\"}")
                    .status()).isEqualTo(401);
            assertThat(api.get("/api/v0/auth/me", token + "spoiled").status()).isEqualTo(401);
            assertThat(api.send("POST", "/api/v0/admin/rebuild", token, Map.of("X-Request-Id", "rebuild-in-the-log-1"))
                    .status()).isEqualTo(202);

            List<JsonNode> lines = awaitLine(log, "rebuild-in-the-log-1");
            String text = Files.readString(log);

            assertThat(lines).filteredOn(line -> line.path("message").asString("").startsWith("Rebuild "))
                    .anySatisfy(line -> assertThat(line.path("request_id").asString("")).isEqualTo("rebuild-in-the-log-1"));
            assertThat(text).doesNotContain(ADMIN_PASSWORD, SECRET_VALUE, token, ApiTest.JWT_SECRET, TestVault.MASTER_KEY);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Every line of the log as JSON, once a line names the request id; fails on a line that is not JSON. */
    private static List<JsonNode> awaitLine(Path log, String requestId) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.readString(log).contains(requestId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank())
                .map(line -> {
                    assertThat(line).as("a JSON line").startsWith("{");
                    return ApiClient.JSON.readTree(line);
                })
                .toList();
    }
}
