package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.testing.DatabaseScan;

/**
 * A server stopped and started again on the same data directory keeps its accounts, keys and
 * events, and neither run lets the password or the signing key out into a log or the database.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTest {

    private final Path dataDir = ServerProcess.newDataDirectory("restart");
    private final String password = "restart-password-" + UUID.randomUUID();
    private final String jwtSecret = "restart-jwt-secret-" + UUID.randomUUID();

    @Test
    void restartKeepsAccountsAndEventsAndLeaksNoSecret(CapturedOutput output) {
        String firstToken;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = ServerProcess.api(first);
            firstToken = api.login("admin", password);
            assertThat(api.postJson("/api/v0/auth/login", null,
                    "{\"user\":\"admin\",\"pass\":\"" + password + "-wrong\"}").status()).isEqualTo(401);
            assertThat(loginEvents(first)).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = ServerProcess.api(second);
            assertThat(loginEvents(second)).isEqualTo(1);
            assertThat(api.get("/api/v0/auth/me", firstToken).status()).isEqualTo(200);
            String secondToken = api.login("admin", password);
            assertThat(api.get("/api/v0/auth/me", secondToken).status()).isEqualTo(200);
            assertThat(loginEvents(second)).isEqualTo(2);
            assertThat(accounts(second)).isEqualTo(1);

            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(DatabaseScan.tablesContaining(jdbc, password)).isEmpty();
            assertThat(DatabaseScan.tablesContaining(jdbc, jwtSecret)).isEmpty();
            String hash = jdbc.sql("SELECT password_hash FROM account_credentials").query(String.class).single();
            assertThat(DatabaseScan.tablesContaining(jdbc, hash)).containsExactly("account_credentials");
            assertThat(output.getAll()).doesNotContain(password, jwtSecret, hash, firstToken, secondToken);
        }
    }

    @Test
    void theEmbeddedDatabaseAcknowledgesCommitsOnlyOnceTheyAreOnDisk() {
        try (ConfigurableApplicationContext server = start()) {
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
        }
    }

    private ConfigurableApplicationContext start() {
        return ServerProcess.start(dataDir, "--raworc.admin-password=" + password, "--raworc.jwt-secret=" + jwtSecret);
    }

    private static long loginEvents(ConfigurableApplicationContext server) {
        return server.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ServiceAccountLoggedInEvent'")
                .query(Long.class).single();
    }

    private static long accounts(ConfigurableApplicationContext server) {
        return server.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ServiceAccountCreatedEvent'")
                .query(Long.class).single();
    }
}
