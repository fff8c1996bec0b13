package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.testing.TestDatabase;

/**
 * RAWORC_DATABASE_URL selects an external PostgreSQL in place of the embedded one; its loss, or a
 * hang, makes the process unready, and the probes keep answering.
 */
class ExternalDatabaseTest {

    private static final String MASTER_KEY = "--raworc.master-key=" + TestVault.MASTER_KEY;

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

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
                    () -> probe(management, "readiness").status() == 503);
            assertThat(probe(management, "readiness").json().at("/components/db/status").asString()).isEqualTo("DOWN");
            assertThat(probe(management, "liveness").status()).isEqualTo(200);
        }
    }

    @Test
    void answersItsProbesPromptlyWhileItsDatabaseHangs() throws Exception {
        Path postgresData = ServerProcess.newDataDirectory("frozen-database");
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectory(postgresData.resolve("postgres"))
                .setCleanDataDirectory(true).start();
             ConfigurableApplicationContext server = ServerProcess.start(dataDir,
                "--RAWORC_DATABASE_URL=" + database.getJdbcUrl("postgres", "postgres"), "--raworc.sides=command,query",
                "--raworc.admin-password=external-admin-password",
                "--raworc.jwt-secret=external-jwt-secret-long-enough-for-hs256", "--raworc.readiness.check-timeout=1s",
                MASTER_KEY)) {
            ApiClient management = new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.management.port")));
            assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            List<ProcessHandle> postgres = Postmaster.withChildren(Postmaster.of(postgresData).orElseThrow());
            signal("STOP", postgres);
            try {
                Eventually.await(Duration.ofSeconds(20), "readiness to answer 503",
                        () -> probe(management, "readiness").status() == 503);
                assertThat(probe(management, "readiness").json().at("/components/db/details/error").asString())
                        .isEqualTo("no answer within 1000 ms");
                assertThat(ServerProcess.api(server).getHeld("/api/v0/health", null, PROMPTLY).status()).isEqualTo(503);
                assertThat(probe(management, "liveness").status()).isEqualTo(200);
            } finally {
                signal("CONT", postgres);
            }
        }
    }

    /** A probe must answer, not hang with the database: the client gives up after a few seconds. */
    private static ApiClient.Response probe(ApiClient management, String which) {
        return management.getHeld("/actuator/health/" + which, null, PROMPTLY);
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(process -> command.add(Long.toString(process.pid())));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
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
