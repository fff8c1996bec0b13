package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.server.ApiClient.Response;

/**
 * The {@code axonserver} profile with no Axon Server listening (a closed port on the loopback):
 * the server still starts, reports the event store DOWN, answers writes at once with a 503 in
 * the error envelope, and keeps serving, so an orchestrator sees an unhealthy service instead of
 * one that crashes on every start.
 */
class AxonServerProfileTest {

    /** A start here takes seconds; failing to reach Axon Server must not add more than its connect timeout. */
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** Refused at once: no write may wait for a connection that is not there. */
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(3);
    private static final String PASSWORD = "axon-server-profile-password";
    private static final String JWT_SECRET = "axon-server-profile-jwt-secret-long-enough";
    private static final String UNAVAILABLE = "INTERNAL_ERROR: The event store (Axon Server) cannot be reached; retry once it is back";

    private final Path dataDir = ServerProcess.newDataDirectory("axon-server-profile");

    @Test
    void startsOnAnEmptySystemAndReportsTheEventStoreDown() {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext server = startWithUnreachableAxonServer()) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(START_LIMIT);
            ApiClient api = ServerProcess.api(server);

            assertEventStoreDownDatabaseUp(api);
            // the seeding waits for Axon Server, so there is no account yet to log in with
            assertThat(api.postJson("/api/v0/auth/login", null, login()).status()).isEqualTo(401);
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    void writesAnswer503AtOnceAndReadsStillAnswer() {
        String token;
        try (ConfigurableApplicationContext seeding = start()) {
            token = ServerProcess.api(seeding).login("admin", PASSWORD);
        }

        try (ConfigurableApplicationContext server = startWithUnreachableAxonServer()) {
            ApiClient api = ServerProcess.api(server);

            Response created = timed(() -> api.postJson("/api/v0/spaces", token, "{\"name\":\"while-down\"}"));
            assertThat(created.status()).isEqualTo(503);
            assertThat(created.error()).isEqualTo(UNAVAILABLE);
            Response login = timed(() -> api.postJson("/api/v0/auth/login", null, login())); // records last_login_at
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.error()).isEqualTo(UNAVAILABLE);

            assertThat(api.get("/api/v0/spaces/default", token).status()).as("read models stay in PostgreSQL").isEqualTo(200);
            assertEventStoreDownDatabaseUp(api);
            assertThat(server.isRunning()).isTrue();
        }
    }

    /** Port 1 takes root to listen on: nothing answers there. */
    private ConfigurableApplicationContext startWithUnreachableAxonServer() {
        return start("--spring.profiles.active=axonserver", "--AXON_SERVER_SERVERS=127.0.0.1:1");
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> settings = new ArrayList<>(List.of("--raworc.sides=command,query",
                "--raworc.admin-password=" + PASSWORD, "--raworc.jwt-secret=" + JWT_SECRET));
        settings.addAll(List.of(more));
        return ServerProcess.start(dataDir, settings.toArray(String[]::new));
    }

    private static String login() {
        return "{\"user\":\"admin\",\"pass\":\"" + PASSWORD + "\"}";
    }

    private static void assertEventStoreDownDatabaseUp(ApiClient api) {
        Response health = api.get("/api/v0/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json()).isEqualTo(ApiClient.JSON.readTree("{\"status\":\"DOWN\",\"checks\":"
                + "{\"database\":\"UP\",\"event_store\":\"DOWN\",\"container_runtime\":\"DISABLED\"}}"));
    }

    private static Response timed(Supplier<Response> request) {
        long sent = System.nanoTime();
        Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("answered within " + WRITE_LIMIT).isLessThan(WRITE_LIMIT);
        return response;
    }
}
