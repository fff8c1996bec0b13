package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With nothing configured, the first start makes its own admin password and signing key. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    private final Path dataDir = ServerProcess.newDataDirectory("first-start");

    @Test
    void generatedAdminPasswordIsKeptOwnerOnlyAndNeverLogged(CapturedOutput output) throws Exception {
        String password;
        String jwtSecret;
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir)) {
            assertThat(server.getBean(JdbcClient.class).sql("SELECT count(*) FROM role_bindings").query(Long.class).single())
                    .as("the admin's binding is in the read models before the first request can come").isEqualTo(1);
            password = ownerOnlyFile("admin-password");
            jwtSecret = ownerOnlyFile("jwt-secret");
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            ApiClient api = ServerProcess.api(server);
            assertThat(api.get("/api/v0/auth/me", api.login("admin", password)).status()).isEqualTo(200);
            assertThat(seedEvents(server)).containsExactly(
                    "dev.raworc.api.access.RoleCreatedEvent system",
                    "dev.raworc.api.access.RoleCreatedEvent system",
                    "dev.raworc.api.access.RoleCreatedEvent system",
                    "dev.raworc.api.space.SpaceCreatedEvent system",
                    "dev.raworc.api.account.ServiceAccountCreatedEvent system",
                    "dev.raworc.api.access.RoleBindingCreatedEvent system",
                    "dev.raworc.api.account.ServiceAccountLoggedInEvent admin");
        }
        try (ConfigurableApplicationContext restarted = ServerProcess.start(dataDir)) {
            assertThat(ownerOnlyFile("admin-password")).isEqualTo(password);
            assertThat(ServerProcess.api(restarted).login("admin", password)).isNotBlank();
        }

        assertThat(output.getAll()).doesNotContain(password, jwtSecret)
                .contains("Created account 'admin' with a generated password, written to " + dataDir.resolve("admin-password"));
    }

    private String ownerOnlyFile(String name) throws Exception {
        Path file = dataDir.resolve(name);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        return Files.readString(file).trim();
    }

    private static java.util.List<String> seedEvents(ConfigurableApplicationContext server) {
        return server.getBean(JdbcClient.class)
                .sql("SELECT payload_type, convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry "
                        + "ORDER BY global_index")
                .query((rs, row) -> rs.getString("payload_type") + " "
                        + ApiClient.JSON.readTree(rs.getString("meta")).get("principal").asString())
                .list();
    }
}
