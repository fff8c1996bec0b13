package dev.raworc.server;

import static dev.raworc.server.SecretApiTest.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.platform.testing.TestDatabase;

/**
 * On an external database the master key must be configured, well-formed and the one that
 * protects the stored data keys; otherwise the server refuses to start and says why.
 */
class SecretMasterKeyStartupTest {

    private static final String MISSING = "RAWORC_MASTER_KEY is required with an external database: set it to base64 "
            + "of 32 random bytes (for example the output of 'openssl rand -base64 32')";
    private static final String WRONG = "RAWORC_MASTER_KEY does not match the master key that protects the stored secrets";

    private final Path dataDir = ServerProcess.newDataDirectory("secret-master-key");

    @Test
    void aMissingMasterKeyRefusesTheStart() {
        String url = ((PGSimpleDataSource) TestDatabase.dataSource()).getUrl();

        assertThatThrownBy(() -> startOn(url).close()).hasRootCauseMessage(MISSING);
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=").close()).hasRootCauseMessage(MISSING);
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=   ").close()).hasRootCauseMessage(MISSING);
        assertThat(Files.exists(dataDir.resolve("master-key"))).as("no key is generated for an external database")
                .isFalse();
    }

    @Test
    void aMalformedMasterKeyRefusesTheStartWithoutRepeatingIt() {
        String url = ((PGSimpleDataSource) TestDatabase.dataSource()).getUrl();
        String notBase64 = "not base64 at all: " + UUID.randomUUID();
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        String tooLong = Base64.getEncoder().encodeToString(new byte[33]);

        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + notBase64).close())
                .hasRootCauseMessage("RAWORC_MASTER_KEY must be base64 of 32 bytes, but is not valid base64")
                .rootCause().hasMessageNotContaining(notBase64);
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + tooShort).close())
                .hasRootCauseMessage("RAWORC_MASTER_KEY must be base64 of 32 bytes, but has 16 bytes");
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + tooLong).close())
                .hasRootCauseMessage("RAWORC_MASTER_KEY must be base64 of 32 bytes, but has 33 bytes");
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + SecretCrypto.newMasterKey(),
                "--raworc.previous-master-key=" + tooShort).close())
                .hasRootCauseMessage("RAWORC_PREVIOUS_MASTER_KEY must be base64 of 32 bytes, but has 16 bytes");
    }

    @Test
    void aWrongMasterKeyRefusesTheStartAndChangesNothing() {
        String url = freshDatabase();
        String right = SecretCrypto.newMasterKey();
        String value = "protected-" + UUID.randomUUID();
        try (ConfigurableApplicationContext server = startOn(url, "--raworc.master-key=" + right)) {
            ApiClient api = ServerProcess.api(server);
            assertThat(api.postJson("/api/v0/secrets", login(api), body("key", "PROTECTED", "value", value)).status())
                    .isEqualTo(201);
        }

        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + SecretCrypto.newMasterKey()).close())
                .hasRootCauseMessage(WRONG);
        assertThatThrownBy(() -> startOn(url, "--raworc.master-key=" + SecretCrypto.newMasterKey(),
                "--raworc.previous-master-key=" + SecretCrypto.newMasterKey()).close())
                .hasRootCauseMessage(WRONG + ", and neither does RAWORC_PREVIOUS_MASTER_KEY");

        try (ConfigurableApplicationContext server = startOn(url, "--raworc.master-key=" + right)) {
            ApiClient api = ServerProcess.api(server);
            assertThat(api.get("/api/v0/secrets/PROTECTED?show_values=true", login(api)).json().get("value").asString())
                    .as("the refused starts changed nothing").isEqualTo(value);
        }
    }

    private ConfigurableApplicationContext startOn(String url, String... more) {
        String[] properties = new String[more.length + 4];
        properties[0] = "--RAWORC_DATABASE_URL=" + url;
        properties[1] = "--RAWORC_DATABASE_USER=postgres";
        properties[2] = "--raworc.jwt-secret=master-key-test-jwt-secret-long-enough";
        properties[3] = "--raworc.admin-password=master-key-test-admin-password";
        System.arraycopy(more, 0, properties, 4, more.length);
        return ServerProcess.start(dataDir, properties);
    }

    private static String login(ApiClient api) {
        return api.login("admin", "master-key-test-admin-password");
    }

    /**
     * A new, empty database on the test PostgreSQL: the master key that protects it is this test's
     * alone, whatever other tests configure on the shared database.
     */
    private static String freshDatabase() {
        return ((PGSimpleDataSource) TestDatabase.emptyDatabase("secrets")).getUrl();
    }
}
