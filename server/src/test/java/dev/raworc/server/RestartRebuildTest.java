package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A server started again on the same data directory answers every read exactly as before it
 * stopped, and so does a rebuild of its read models after the restart.
 */
class RestartRebuildTest {

    private final Path dataDir = ServerProcess.newDataDirectory("restart-rebuild");
    private final String password = "restart-rebuild-password-" + UUID.randomUUID();

    @Test
    void answersSurviveARestartAndARebuildAfterIt() {
        RichHistory history;
        String admin;
        Map<String, String> before;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = ServerProcess.api(first);
            admin = api.login("admin", password);
            history = RichHistory.write(api, admin);
            ServerProcess.awaitProjections(first);
            before = ApiAnswers.of(api, admin, history);
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = ServerProcess.api(second);
            ServerProcess.awaitProjections(second);
            ApiAnswers.assertSame(ApiAnswers.of(api, admin, history), before);

            assertThat(api.send("POST", "/api/v0/admin/rebuild?wait=true", admin, null, null).status()).isEqualTo(200);
            ApiAnswers.assertSame(ApiAnswers.of(api, admin, history), before);
        }
    }

    private ConfigurableApplicationContext start() {
        return ServerProcess.start(dataDir, "--raworc.admin-password=" + password,
                "--raworc.jwt-secret=restart-rebuild-jwt-secret-" + dataDir.getFileName(), "--raworc.sides=command,query");
    }
}
