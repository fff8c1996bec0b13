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

        Response rebuild = api().send("POST", "/api/v0/admin/rebuild?wait=true", admin, null, null);

        assertThat(rebuild.status()).isEqualTo(200);
        assertThat(rebuild.json().get("state").asString()).isEqualTo("done");
        assertThat(rebuild.json().get("processors").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("catalog", "messages", "files", "webhooks");
        ApiAnswers.assertSame(ApiAnswers.of(api(), admin, history), before);
    }

    @Test
    void aRebuildAnswersAtOnceAndShowsItsProgressUntilDone() throws InterruptedException {
        String admin = adminToken();
        RichHistory.write(api(), admin);
        awaitProjections();

        Response started = api().send("POST", "/api/v0/admin/rebuild", admin, null, null);

        assertThat(started.status()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).matches("/api/v0/admin/rebuilds/[0-9a-f-]{36}");
        assertThat(started.json().get("head_at_start").asLong()).isPositive();
        JsonNode status = api().get(location, admin).json();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (status.get("state").asString().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = api().get(location, admin).json();
        }
        assertThat(status.get("state").asString()).isEqualTo("done");
        assertThat(status.get("finished_at").isNull()).isFalse();
        assertThat(status.get("events_per_second").asDouble()).isPositive();
        long target = status.get("head_at_start").asLong();
        assertThat(status.get("groups").valueStream().map(group -> group.get("name").asString()).toList())
                .containsExactlyInAnyOrder("catalog", "messages", "files", "webhooks");
        assertThat(status.get("groups").valueStream()).allSatisfy(group ->
                assertThat(group.get("position").asLong()).isGreaterThanOrEqualTo(target));
    }

    @Test
    void aSecondRebuildWhileOneRunsIsRefusedUntilItsProcessStops() {
        String admin = adminToken();
        UUID elsewhere = UUID.randomUUID();
        jdbc.sql("INSERT INTO rebuilds (id, state, processors, head_at_start, started_at, heartbeat_at) "
                + "VALUES (?, 'running', 'catalog,messages', 1, now(), now())").params(elsewhere).update();
        try {
            Response refused = api().send("POST", "/api/v0/admin/rebuild", admin, null, null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.error()).isEqualTo("CONFLICT: A rebuild is running already: /api/v0/admin/rebuilds/" + elsewhere);

            jdbc.sql("UPDATE rebuilds SET heartbeat_at = now() - interval '1 minute' WHERE id = ?").params(elsewhere).update();
            Response abandoned = api().get("/api/v0/admin/rebuilds/" + elsewhere, admin);
            assertThat(abandoned.json().get("state").asString()).isEqualTo("failed");
            assertThat(abandoned.json().get("error").asString()).startsWith("The process running it stopped");
            assertThat(api().send("POST", "/api/v0/admin/rebuild?wait=true", admin, null, null).status()).isEqualTo(200);
        } finally {
            jdbc.sql("UPDATE rebuilds SET state = 'failed' WHERE id = ? AND state = 'running'").params(elsewhere).update();
        }
    }

    @Test
    void unknownAndMalformedRebuildsAreRefused() {
        String admin = adminToken();

        assertThat(api().get("/api/v0/admin/rebuilds/" + UUID.randomUUID(), admin).status()).isEqualTo(404);
        assertThat(api().get("/api/v0/admin/rebuilds/not-a-uuid", admin).status()).isEqualTo(400);
        assertThat(api().send("POST", "/api/v0/admin/rebuild?wait=maybe", admin, null, null).status()).isEqualTo(400);
        assertThat(api().get("/api/v0/admin/rebuilds/" + UUID.randomUUID(), null).status()).isEqualTo(401);
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
        Response progress = api().get("/api/v0/admin/rebuilds/" + UUID.randomUUID(), api().login(user, "rebuild-password"));
        assertThat(progress.status()).isEqualTo(403);
    }
}
