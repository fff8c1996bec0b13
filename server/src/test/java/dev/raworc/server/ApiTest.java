package dev.raworc.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.raworc.platform.axon.ProjectionCatchUp;

/**
 * Base of the HTTP integration tests: one server on a random port with its embedded PostgreSQL,
 * shared by every test class that extends this (Spring caches the context).
 */
@SpringBootTest(classes = RaworcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTest {

    static final String ADMIN_PASSWORD = "admin-password-for-tests-7f3a";
    static final String JWT_SECRET = "jwt-secret-for-tests-that-is-long-enough-4b9e";
    private static final Path DATA_DIR = Path.of("target", "test-data", "api-" + UUID.randomUUID());

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("raworc.data-dir", DATA_DIR::toString);
        registry.add("raworc.admin-password", () -> ADMIN_PASSWORD);
        registry.add("raworc.jwt-secret", () -> JWT_SECRET);
        // sessions of the API tests stay where the tests move them: the runner has tests of its own
        registry.add("raworc.sides", () -> "command,query");
        // a read model stopped by a test makes the process unready quickly
        registry.add("raworc.readiness.max-read-model-lag", () -> "2s");
        // streams check their caller's permission at each heartbeat: revocation tests wait for one
        registry.add("raworc.streams.heartbeat", () -> "1s");
        // webhook tests deliver to receivers on 127.0.0.1 and see retries within a second
        registry.add("raworc.webhooks.allow-private-targets", () -> "true");
        registry.add("raworc.webhooks.backoff-base", () -> "100ms");
        registry.add("raworc.webhooks.max-attempts", () -> "3");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionCatchUp projections;

    ApiClient api() {
        return new ApiClient(port);
    }

    String adminToken() {
        return api().login("admin", ADMIN_PASSWORD);
    }

    /** Waits for this server's projections to show every event stored so far. */
    void awaitProjections() {
        if (!projections.await(Duration.ofSeconds(10))) {
            throw new AssertionError("projections did not catch up within 10 s");
        }
    }
}
