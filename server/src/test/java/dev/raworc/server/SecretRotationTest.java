package dev.raworc.server;

import static dev.raworc.server.SecretApiTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.server.ApiClient.Response;

/**
 * Master-key rotation: started with the new key and the previous one, the server re-wraps every
 * data key under the new key without touching an event; every secret still reads back, and the
 * old key no longer unwraps any data key nor starts the server.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRotationTest {

    private static final String PASSWORD = "rotation-admin-password-" + UUID.randomUUID();
    private static final Map<String, String> VALUES = Map.of(
            "default/ROTATED_A", "value-a-" + UUID.randomUUID(),
            "default/ROTATED_B", "value-b-" + UUID.randomUUID(),
            "rotating/ROTATED_C", "value-c-" + UUID.randomUUID());

    private final Path dataDir = ServerProcess.newDataDirectory("secret-rotation");
    private final String oldKey = SecretCrypto.newMasterKey();
    private final String newKey = SecretCrypto.newMasterKey();

    /** A data key as {@code secret_data_keys} stores it. */
    record DataKey(UUID keyId, byte[] wrapped) {
    }

    @Test
    void rotationRewrapsEveryDataKeyUnderTheNewMasterKey(CapturedOutput output) throws Exception {
        List<String> secretEvents;
        try (ConfigurableApplicationContext first = start("--raworc.master-key=" + oldKey)) {
            ApiClient api = ServerProcess.api(first);
            String admin = api.login("admin", PASSWORD);
            assertThat(api.postJson("/api/v0/spaces", admin, body("name", "rotating")).status()).isEqualTo(201);
            VALUES.forEach((path, value) -> create(api, admin, path, "replaced-before-rotation"));
            VALUES.forEach((path, value) -> update(api, admin, path, value));
            assertThat(readBack(api, admin)).isEqualTo(VALUES);

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(dataKeys(jdbc)).hasSize(3).allSatisfy(key -> assertUnwraps(oldKey, key));
            secretEvents = secretEvents(jdbc);
        }

        try (ConfigurableApplicationContext rotated = start("--raworc.master-key=" + newKey,
                "--raworc.previous-master-key=" + oldKey)) {
            JdbcClient jdbc = rotated.getBean(JdbcClient.class);
            assertThat(secretEvents(jdbc)).as("the events are untouched").isEqualTo(secretEvents);
            List<DataKey> keys = dataKeys(jdbc);
            assertThat(keys).hasSize(3)
                    .allSatisfy(key -> assertUnwraps(newKey, key))
                    .allSatisfy(key -> assertThatThrownBy(() -> SecretCrypto.unwrap(oldKey, key.keyId(), key.wrapped()))
                            .as("the old master key no longer unwraps data key %s", key.keyId())
                            .isInstanceOf(GeneralSecurityException.class));
            ApiClient api = ServerProcess.api(rotated);
            assertThat(readBack(api, api.login("admin", PASSWORD))).isEqualTo(VALUES);
        }
        assertThat(output.getAll()).contains("Master key rotated: re-wrapped 3 data keys under RAWORC_MASTER_KEY");

        assertThatThrownBy(() -> start("--raworc.master-key=" + oldKey).close())
                .as("the old key alone")
                .hasRootCauseMessage("RAWORC_MASTER_KEY does not match the master key that protects the stored secrets");

        try (ConfigurableApplicationContext afterwards = start("--raworc.master-key=" + newKey)) {
            ApiClient api = ServerProcess.api(afterwards);
            assertThat(readBack(api, api.login("admin", PASSWORD))).as("the new key alone suffices").isEqualTo(VALUES);
        }
        assertThat(output.getAll()).doesNotContain(oldKey, newKey);
        assertThat(dataDir.resolve("master-key")).as("a configured master key is not copied to disk").doesNotExist();
    }

    private ConfigurableApplicationContext start(String... keys) {
        String[] properties = new String[keys.length + 2];
        properties[0] = "--raworc.admin-password=" + PASSWORD;
        properties[1] = "--raworc.jwt-secret=rotation-jwt-secret-that-is-long-enough";
        System.arraycopy(keys, 0, properties, 2, keys.length);
        return ServerProcess.start(dataDir, properties);
    }

    private static void create(ApiClient api, String admin, String path, String value) {
        String[] spaceAndKey = path.split("/");
        Response created = api.postJson("/api/v0/spaces/" + spaceAndKey[0] + "/secrets", admin,
                body("key", spaceAndKey[1], "value", value));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    private static void update(ApiClient api, String admin, String path, String value) {
        String[] spaceAndKey = path.split("/");
        Response updated = api.send("PUT", "/api/v0/spaces/" + spaceAndKey[0] + "/secrets/" + spaceAndKey[1], admin,
                "application/json", body("value", value));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    }

    /** Every secret of {@link #VALUES} read back with show_values, by space/key. */
    private static Map<String, String> readBack(ApiClient api, String admin) {
        return VALUES.keySet().stream().collect(java.util.stream.Collectors.toMap(path -> path, path -> {
            String[] spaceAndKey = path.split("/");
            Response response = api.get("/api/v0/spaces/" + spaceAndKey[0] + "/secrets/" + spaceAndKey[1]
                    + "?show_values=true", admin);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            return response.json().get("value").asString();
        }));
    }

    private static List<DataKey> dataKeys(JdbcClient jdbc) {
        return jdbc.sql("SELECT key_id, wrapped FROM secret_data_keys")
                .query((rs, row) -> new DataKey(rs.getObject("key_id", UUID.class), rs.getBytes("wrapped")))
                .list();
    }

    /** The secret events as stored, to compare before and after the rotation. */
    private static List<String> secretEvents(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT global_index || ' ' || payload_type || ' ' || encode(payload, 'base64') FROM domain_event_entry
                WHERE payload_type LIKE 'dev.raworc.api.secret.%' ORDER BY global_index""")
                .query(String.class).list();
    }

    private static void assertUnwraps(String masterKey, DataKey key) {
        try {
            assertThat(SecretCrypto.unwrap(masterKey, key.keyId(), key.wrapped())).hasSize(32);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("data key " + key.keyId() + " does not unwrap", e);
        }
    }
}
