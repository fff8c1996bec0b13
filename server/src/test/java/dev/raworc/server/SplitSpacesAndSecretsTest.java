package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.server.ApiClient.Response;

/**
 * Spaces and secrets on a split deployment: a command-only process answers their writes, checks
 * a session's space and discloses values without any query side; a query-only process refuses
 * {@code show_values=true} clearly instead of failing.
 */
class SplitSpacesAndSecretsTest {

    /** Permissions still come from the read models (slice B), so a first process keeps them up. */
    @Test
    void aCommandOnlyProcessAnswersSpaceAndSecretWritesAndChecksASessionsSpace() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query")) {
            String token = server.api().login("admin", ApiTest.ADMIN_PASSWORD);
            IdentityApi admin = new IdentityApi(server.startCommandProcess(), token);
            String space = unique("split");
            assertThat(admin.createSpace(space).get("active").asBoolean()).isTrue();

            String key = "SPLIT_KEY";
            Response secret = admin.post("/spaces/" + space + "/secrets", json("key", key, "value", "split-value"));
            assertThat(secret.status()).as(secret.text()).isEqualTo(201);
            assertThat(secret.json().get("created_by").asString()).isEqualTo("admin");
            Response one = admin.get("/spaces/" + space + "/secrets/" + key + "?show_values=true");
            assertThat(one.status()).as(one.text()).isEqualTo(200);
            assertThat(one.json().get("value").asString()).isEqualTo("split-value");
            Response all = admin.get("/spaces/" + space + "/secrets?show_values=true");
            assertThat(assertList(all, 1, 0, 100).get(0).get("value").asString()).isEqualTo("split-value");

            Response missing = admin.post("/sessions", json("space", unique("nowhere")));
            assertThat(missing.status()).as(missing.text()).isEqualTo(422);
            Response deactivated = admin.put("/spaces/" + space, json("active", false));
            assertThat(deactivated.json().get("active").asBoolean()).as(deactivated.text()).isFalse();
            Response refused = admin.post("/sessions", json("space", space));
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.text()).contains("is deactivated");
        }
    }

    @Test
    void aQueryOnlyProcessRefusesShowValuesWithA400() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query")) {
            String token = server.api().login("admin", ApiTest.ADMIN_PASSWORD);
            IdentityApi admin = new IdentityApi(server.api(), token);
            String space = unique("split");
            admin.createSpace(space);
            assertThat(admin.post("/spaces/" + space + "/secrets", json("key", "K", "value", "v")).status()).isEqualTo(201);
            server.awaitProjections();
            IdentityApi query = new IdentityApi(server.startQueryProcess(), token);

            Response refused = query.get("/spaces/" + space + "/secrets/K?show_values=true");
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.text()).contains("command service").doesNotContain("\"value\"");
            assertThat(query.get("/spaces/" + space + "/secrets?show_values=true").status()).isEqualTo(400);
            assertThat(query.get("/spaces/" + space + "/secrets/K").status()).isEqualTo(200);
        }
    }
}
