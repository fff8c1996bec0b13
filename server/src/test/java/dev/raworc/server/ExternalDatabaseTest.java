package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.testing.TestDatabase;

/** RAWORC_DATABASE_URL selects an external PostgreSQL in place of the embedded one; its loss makes the process unready. */
class ExternalDatabaseTest {

    private static final String MASTER_KEY = "--raworc.master-key=" + TestVault.MASTER_KEY;

    private final String url = ((PGSimpleDataSource) TestDatabase.dataSource()).getUrl();
    private final Path dataDir = ServerProcess.newDataDirectory("external");

    @Test
    void runsOnTheConfiguredDatabaseWithoutStartingAnEmbeddedOne() {
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir,
                "--RAWORC_DATABASE_URL=" + url, "--RAWORC_DATABASE_USER=postgres",
                "--raworc.admin-password=external-admin-password",
                "--raworc.jwt-secret=external-jwt-secret-long-enough-for-hs256", MASTER_KEY)) {
            ApiClient api = ServerProcess.api(server);
            assertThat(api.get("/api/v0/health", null).json().at("/checks/database").asString()).isEqualTo("UP");
            assertThat(api.login("admin", "external-admin-password")).isNotBlank();
        }
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void isNotReadyWhileItsDatabaseIsDownButStaysLive() throws Exception {
        EmbeddedPostgres database = EmbeddedPostgres.start();
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir,
                "--RAWORC_DATABASE_URL=" + database.getJdbcUrl("postgres", "postgres"), "--raworc.sides=command,query",
                "--raworc.admin-password=external-admin-password",
                "--raworc.jwt-secret=external-jwt-secret-long-enough-for-hs256", MASTER_KEY)) {
            ApiClient management = new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.management.port")));
            assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);

            database.close();

            Eventually.await(Duration.ofSeconds(30), "readiness to answer 503",
                    () -> management.get("/actuator/health/readiness", null).status() == 503);
            assertThat(management.get("/actuator/health/readiness", null).json().at("/components/db/status").asString())
                    .isEqualTo("DOWN");
            assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWithoutASharedSigningKey() {
        assertThatThrownBy(() -> ServerProcess.start(dataDir, "--RAWORC_DATABASE_URL=" + url,
                "--RAWORC_DATABASE_USER=postgres", MASTER_KEY).close())
                .hasRootCauseMessage("RAWORC_JWT_SECRET is required with an external database: every process "
                        + "sharing the database must sign tokens with the same key");
    }

    @Test
    void refusesAShortSigningKey() {
        assertThatThrownBy(() -> ServerProcess.start(dataDir, "--raworc.jwt-secret=too-short").close())
                .hasRootCauseMessage("RAWORC_JWT_SECRET must be at least 32 bytes long, but has 9");
    }
}
