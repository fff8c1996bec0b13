package dev.raworc.server;

import static dev.raworc.server.SecretApiTest.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.axon.ProjectionCatchUp;
import dev.raworc.platform.testing.DatabaseScan;
import dev.raworc.server.ApiClient.Response;

/**
 * Secret values written, replaced, refused and read back through the API leave no plaintext in
 * any table (events, snapshots, tokens, read models, data keys) nor in the server's log; nor does
 * the master key the server generated for itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

    private static final String PASSWORD = "leak-admin-password-" + UUID.randomUUID();

    private final Path dataDir = ServerProcess.newDataDirectory("secret-leak");
    private final List<String> markers = new ArrayList<>();

    @Test
    void noValueAppearsInAnyTableOrLogLine(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir, "--raworc.admin-password=" + PASSWORD,
                "--raworc.jwt-secret=leak-jwt-secret-" + UUID.randomUUID())) {
            ApiClient api = ServerProcess.api(server);
            String admin = api.login("admin", PASSWORD);
            assertThat(api.postJson("/api/v0/spaces", admin, body("name", "leaky")).status()).isEqualTo(201);

            String first = marker("first");
            String firstReplaced = marker("first-replaced");
            String second = marker("second-ünïcödé");
            String secondReplaced = marker("second-replaced");
            expect(api.postJson("/api/v0/secrets", admin, body("key", "LEAK_FIRST", "value", first)), 201);
            expect(api.postJson("/api/v0/spaces/leaky/secrets", admin,
                    body("key", "LEAK_SECOND", "value", second, "description", "not secret")), 201);
            expect(put(api, admin, "/api/v0/spaces/default/secrets/LEAK_FIRST", body("value", firstReplaced)), 200);
            expect(put(api, admin, "/api/v0/secrets/LEAK_SECOND?space=leaky",
                    body("value", secondReplaced, "description", "still not secret")), 200);

            expect(api.postJson("/api/v0/secrets", admin, body("key", "LEAK_FIRST", "value", marker("duplicate"))), 409);
            expect(api.postJson("/api/v0/secrets", admin, body("key", "0-bad key", "value", marker("bad-key"))), 422);
            expect(api.postJson("/api/v0/secrets", admin, body("key", "LEAK_EXTRA", "value", marker("extra-field"),
                    "extra", "x")), 422);
            expect(api.postJson("/api/v0/secrets", admin, body("key", "LEAK_LONG", "value",
                    marker("too-long") + "x".repeat(65_536))), 422);
            expect(api.postJson("/api/v0/spaces/no-such-space/secrets", admin,
                    body("key", "LEAK_NOWHERE", "value", marker("no-space"))), 404);
            expect(put(api, admin, "/api/v0/secrets/LEAK_MISSING", body("value", marker("no-key"))), 404);
            expect(put(api, admin, "/api/v0/secrets/LEAK_FIRST", body("value", marker("unknown-field"), "key", "x")), 422);
            expect(api.postJson("/api/v0/secrets", null, body("key", "LEAK_ANON", "value", marker("no-token"))), 401);

            Response one = api.get("/api/v0/secrets/LEAK_FIRST?show_values=true", admin);
            Response all = api.get("/api/v0/spaces/leaky/secrets?show_values=true", admin);
            assertThat(one.json().get("value").asString()).isEqualTo(firstReplaced);
            assertThat(all.json().get(0).get("value").asString()).isEqualTo(secondReplaced);
            awaitProjections(server);

            JdbcClient jdbc = server.getBean(JdbcClient.class);
            assertThat(DatabaseScan.tablesContaining(jdbc, "LEAK_SECOND"))
                    .as("the scan sees the tables a value would have to pass through")
                    .contains("domain_event_entry", "secrets", "name_claims");
            assertThat(jdbc.sql("SELECT count(*) FROM secret_data_keys").query(Long.class).single()).isEqualTo(2);
            for (String marker : markers) {
                assertThat(DatabaseScan.tablesContaining(jdbc, marker)).as(marker).isEmpty();
            }
            String masterKey = ownerOnlyMasterKey();
            assertThat(DatabaseScan.tablesContaining(jdbc, masterKey)).as("the master key").isEmpty();
            assertThat(output.getAll()).doesNotContain(masterKey);
        }
        assertThat(output.getAll()).as("the server's log").contains("Started embedded PostgreSQL")
                .doesNotContain(markers.toArray(String[]::new));
    }

    /** A value no one would write by chance, remembered for the scans. */
    private String marker(String purpose) {
        String marker = "leak-marker-" + purpose + "-" + UUID.randomUUID();
        markers.add(marker);
        return marker;
    }

    private String ownerOnlyMasterKey() throws Exception {
        Path file = dataDir.resolve("master-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file).trim();
        assertThat(java.util.Base64.getDecoder().decode(key)).hasSize(32);
        return key;
    }

    private static Response put(ApiClient api, String token, String path, String json) {
        return api.send("PUT", path, token, "application/json", json);
    }

    /** Asserts the status, and that the answer (success or error) repeats no value it was sent. */
    private Response expect(Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.text()).doesNotContain(markers.toArray(String[]::new));
        return response;
    }

    private static void awaitProjections(ConfigurableApplicationContext server) {
        assertThat(server.getBean(ProjectionCatchUp.class).await(Duration.ofSeconds(10))).isTrue();
    }
}
