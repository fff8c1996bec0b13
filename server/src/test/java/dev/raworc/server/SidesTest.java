package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** raworc.sides selects what a process runs; the same jar serves every role of a split deployment. */
class SidesTest {

    private final Path dataDir = ServerProcess.newDataDirectory("sides");

    @Test
    void queryOnlyProcessReadsButDoesNotWrite() {
        try (ConfigurableApplicationContext all = ServerProcess.start(dataDir, "--raworc.admin-password=sides-admin-password")) {
            String token = ServerProcess.api(all).login("admin", "sides-admin-password");
            all.close();

            try (ConfigurableApplicationContext queryOnly = ServerProcess.start(dataDir, "--raworc.sides=query")) {
                ApiClient api = ServerProcess.api(queryOnly);
                assertThat(api.get("/api/v0/auth/me", token).status()).isEqualTo(200);
                assertThat(api.postJson("/api/v0/auth/login", null,
                        "{\"user\":\"admin\",\"pass\":\"sides-admin-password\"}").status()).isEqualTo(404);
                assertThat(api.get("/api/v0/health", null).json().at("/checks/container_runtime").asString())
                        .isEqualTo("DISABLED");
            }
        }
    }
}
