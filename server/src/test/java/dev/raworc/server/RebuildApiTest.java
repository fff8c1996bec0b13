package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Every read model rebuilt from the event log answers exactly as before. */
class RebuildApiTest extends ApiTest {

    private static final String JSON = "application/json";

    @Test
    void rebuiltReadModelsAnswerAsBefore() {
        String admin = adminToken();
        seedHistory(admin);
        Map<String, String> before = everyAnswer(admin);

        Response rebuild = api().send("POST", "/api/v0/admin/rebuild", admin, null, null);

        assertThat(rebuild.status()).isEqualTo(200);
        assertThat(rebuild.json().get("processors").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("catalog", "messages");
        assertThat(everyAnswer(admin)).isEqualTo(before);
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

    private void seedHistory(String admin) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        api().postJson("/api/v0/spaces", admin, "{\"name\":\"rebuild-" + suffix + "\",\"settings\":{\"k\":[1,2]}}");
        api().postJson("/api/v0/secrets", admin, "{\"key\":\"REBUILD_" + suffix + "\",\"value\":\"v\"}");
        String session = api().postJson("/api/v0/sessions", admin, "{\"name\":\"rebuild-" + suffix + "\"}").json()
                .get("id").asString();
        for (int i = 1; i <= 3; i++) {
            api().postJson("/api/v0/sessions/" + session + "/messages", admin, "{\"content\":\"task " + i + "\"}");
        }
        api().send("PUT", "/api/v0/sessions/" + session + "/state", admin, JSON, "{\"state\":\"errored\",\"reason\":\"x\"}");
        api().postJson("/api/v0/sessions/" + session + "/remix", admin, "{\"up_to_message_seq\":2}");
        api().send("DELETE", "/api/v0/sessions/" + session + "/messages", admin, null, null);
        api().postJson("/api/v0/sessions/" + session + "/close", admin, null);
    }

    private Map<String, String> everyAnswer(String admin) {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of("/api/v0/service-accounts?limit=1000", "/api/v0/roles?limit=1000",
                "/api/v0/role-bindings?limit=1000", "/api/v0/spaces?limit=1000", "/api/v0/secrets?limit=1000",
                "/api/v0/sessions?limit=1000", "/api/v0/auth/me"));
        for (JsonNode session : api().get("/api/v0/sessions?limit=1000", admin).json()) {
            String id = session.get("id").asString();
            paths.add("/api/v0/sessions/" + id);
            paths.add("/api/v0/sessions/" + id + "/messages?limit=1000");
            paths.add("/api/v0/sessions/" + id + "/messages/count");
        }
        for (String path : paths) {
            Response response = api().get(path, admin);
            answers.put(path, response.status() + " " + response.header("X-Total-Count") + " " + response.text());
        }
        return answers;
    }
}
