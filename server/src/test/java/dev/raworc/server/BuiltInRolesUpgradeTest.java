package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import dev.raworc.api.access.ReplaceBuiltInRoleRulesCommand;
import dev.raworc.api.access.Rule;

/**
 * An installation seeded before the files API gets the new verbs in its built-in roles at its next
 * start: the operator writes files, the viewer reads them. A start with nothing to change records nothing.
 */
class BuiltInRolesUpgradeTest {

    private static final List<String> API = List.of("api");
    private static final List<Rule> OPERATOR_BEFORE = List.of(
            new Rule(API, List.of("sessions"), List.of("get", "list", "create", "update", "delete", "audit"), null),
            new Rule(API, List.of("messages"), List.of("get", "list", "create", "update", "delete"), null),
            new Rule(API, List.of("secrets"), List.of("get", "list", "create", "update", "delete", "read-values"), null),
            new Rule(API, List.of("spaces"), List.of("get", "list"), null));
    private static final List<Rule> VIEWER_BEFORE = List.of(
            new Rule(API, List.of("sessions", "messages", "spaces", "secrets"), List.of("get", "list"), null));

    private final Path dataDir = ServerProcess.newDataDirectory("roles-upgrade");
    private final String password = "upgrade-password-" + UUID.randomUUID();

    @Test
    void builtInRolesSeededBeforeTheFilesApiGrantItAfterARestart() {
        String operator;
        try (ConfigurableApplicationContext before = start()) {
            ApiClient api = ServerProcess.api(before);
            String admin = api.login("admin", password);
            // what the seeding of the version before wrote
            CommandGateway commands = before.getBean(CommandGateway.class);
            commands.sendAndWait(new ReplaceBuiltInRoleRulesCommand(roleId(api, admin, "operator"), OPERATOR_BEFORE));
            commands.sendAndWait(new ReplaceBuiltInRoleRulesCommand(roleId(api, admin, "viewer"), VIEWER_BEFORE));
            operator = "upgraded-operator";
            assertThat(api.postJson("/api/v0/service-accounts", admin,
                    "{\"user\":\"" + operator + "\",\"pass\":\"" + password + "\"}").status()).isEqualTo(201);
            assertThat(api.postJson("/api/v0/role-bindings", admin,
                    "{\"role_name\":\"operator\",\"principal\":\"" + operator + "\"}").status()).isEqualTo(201);
            ServerProcess.awaitProjections(before);
            assertThat(verbs(api, admin, "viewer")).doesNotContain("read-files");
            assertThat(upload(api, api.login(operator, password), admin)).isEqualTo(403);
        }

        try (ConfigurableApplicationContext after = start()) {
            ApiClient api = ServerProcess.api(after);
            String admin = api.login("admin", password);
            assertThat(verbs(api, admin, "operator")).contains("read-files", "write-files");
            assertThat(verbs(api, admin, "viewer")).contains("read-files").doesNotContain("write-files");
            assertThat(upload(api, api.login(operator, password), admin)).isEqualTo(201);
            assertThat(replacements(after)).isEqualTo(4);
        }

        try (ConfigurableApplicationContext again = start()) {
            assertThat(replacements(again)).isEqualTo(4);
        }
    }

    private ConfigurableApplicationContext start() {
        // no runner: its sessions need no container, and would leave volumes behind in Docker
        return ServerProcess.start(dataDir, "--raworc.admin-password=" + password, "--raworc.sides=command,query",
                "--raworc.jwt-secret=upgrade-jwt-secret-that-is-long-enough-0123");
    }

    private static UUID roleId(ApiClient api, String token, String role) {
        return UUID.fromString(api.get("/api/v0/roles/" + role, token).json().get("id").asString());
    }

    private static List<String> verbs(ApiClient api, String token, String role) {
        List<String> verbs = new ArrayList<>();
        for (JsonNode rule : api.get("/api/v0/roles/" + role, token).json().get("rules")) {
            rule.get("verbs").forEach(verb -> verbs.add(verb.asString()));
        }
        return verbs;
    }

    /** The status of a file upload by the token into a new session of the admin's. */
    private static int upload(ApiClient api, String token, String admin) {
        String session = api.postJson("/api/v0/sessions", admin, "{}").json().get("id").asString();
        return new FileWrites(api.port()).put("/sessions/" + session + "/files/notes.md", token, "notes").status();
    }

    private static long replacements(ConfigurableApplicationContext server) {
        return server.getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = :type")
                .param("type", "dev.raworc.api.access.RoleRulesReplacedEvent").query(Long.class).single();
    }
}
