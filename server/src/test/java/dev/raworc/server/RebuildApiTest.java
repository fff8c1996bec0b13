package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Every read model rebuilt from the event log answers exactly as before, to the byte. */
class RebuildApiTest extends ApiTest {

    @Test
    void rebuiltReadModelsAnswerAsBefore() {
        String admin = adminToken();
        RichHistory history = RichHistory.write(api(), admin);
        awaitProjections();
        Map<String, String> before = ApiAnswers.of(api(), admin, history);

        Response rebuild = api().send("POST", "/api/v0/admin/rebuild", admin, null, null);

        assertThat(rebuild.status()).isEqualTo(200);
        assertThat(rebuild.json().get("processors").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("catalog", "messages");
        ApiAnswers.assertSame(ApiAnswers.of(api(), admin, history), before);
    }

    @Test
    void onlyAnAdministratorMayRebuild() {
        String admin = adminToken();
        String user = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        api().postJson("/api/v0/service-accounts", admin, "{\"user\":\"" + user + "\",\"pass\":\"rebuild-password\"}");
        api().postJson("/api/v0/role-bindings", admin, "{\"role_name\":\"operator\",\"principal\":\"" + user + "\"}");

        Response refused = api().send("POST", "/api/v0/admin/rebuild", api().login(user, "rebuild-password"), null, null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).startsWith("FORBIDDEN: Only an administrator");
    }
}
