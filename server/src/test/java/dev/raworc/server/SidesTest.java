package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** raworc.sides selects what a process runs; the same jar serves every role of a split deployment. */
class SidesTest {

    private final Path dataDir = ServerProcess.newDataDirectory("sides");

    /** Checks tokens and permissions from its own read models: the command side's tables are hidden from it. */
    @Test
    void queryOnlyProcessReadsButDoesNotWrite() {
        try (ConfigurableApplicationContext all = ServerProcess.start(dataDir, "--raworc.admin-password=sides-admin-password")) {
            String token = ServerProcess.api(all).login("admin", "sides-admin-password");
            ServerProcess.awaitProjections(all);
            all.close();

            try (ConfigurableApplicationContext queryOnly = ServerProcess.start(dataDir, "--raworc.sides=query")) {
                ApiClient api = ServerProcess.api(queryOnly);
                JdbcClient jdbc = queryOnly.getBean(JdbcClient.class);
                jdbc.sql("ALTER TABLE account_credentials RENAME TO account_credentials_hidden").update();
                try {
                    assertThat(api.get("/api/v0/auth/me", token).status()).isEqualTo(200);
                    assertThat(api.get("/api/v0/roles", token).json().size()).isGreaterThanOrEqualTo(3);
                    assertThat(api.get("/api/v0/roles", "not-a-token").status()).isEqualTo(401);
                } finally {
                    jdbc.sql("ALTER TABLE account_credentials_hidden RENAME TO account_credentials").update();
                }
                assertThat(api.postJson("/api/v0/auth/login", null,
                        "{\"user\":\"admin\",\"pass\":\"sides-admin-password\"}").status()).isEqualTo(404);
                assertThat(api.get("/api/v0/health", null).json().at("/checks/container_runtime").asString())
                        .isEqualTo("DISABLED");
            }
        }
    }

    /** An install from before the access lookups holds its roles and bindings only in events: the start fills them. */
    @Test
    void startFillsTheAccessLookupsOfAnOlderInstall() {
        try (ConfigurableApplicationContext first = ServerProcess.start(dataDir, "--raworc.admin-password=sides-admin-password")) {
            String token = ServerProcess.api(first).login("admin", "sides-admin-password");
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            jdbc.sql("DELETE FROM role_binding_grants").update();
            jdbc.sql("DELETE FROM role_rules").update();
            assertThat(ServerProcess.api(first).get("/api/v0/roles", token).status()).isEqualTo(403);
            first.close();

            try (ConfigurableApplicationContext upgraded = ServerProcess.start(dataDir)) {
                JdbcClient lookups = upgraded.getBean(JdbcClient.class);
                assertThat(count(lookups, "role_rules")).isEqualTo(count(lookups, "name_claims WHERE kind = 'role'"));
                assertThat(count(lookups, "role_binding_grants"))
                        .isEqualTo(count(lookups, "name_claims WHERE kind = 'role-binding'")).isPositive();
                assertThat(ServerProcess.api(upgraded).get("/api/v0/roles", token).status()).isEqualTo(200);
            }
        }
    }

    private static long count(JdbcClient jdbc, String from) {
        return jdbc.sql("SELECT count(*) FROM " + from).query(Long.class).single();
    }
}
