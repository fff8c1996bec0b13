package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * One pass through every endpoint group of the API as a client makes it, through one address.
 * After each write the reader checks the write is visible at once where reads are served.
 */
final class EndpointTour {

    private static final String BASE = IdentityApi.BASE;

    private final ApiClient api;
    private final String token;
    private final BiConsumer<String, Predicate<Response>> readYourWrite;

    /**
     * @param readYourWrite called after each write with a read path and what the read must show
     */
    EndpointTour(ApiClient api, String token, BiConsumer<String, Predicate<Response>> readYourWrite) {
        this.api = api;
        this.token = token;
        this.readYourWrite = readYourWrite;
    }

    void run() {
        assertThat(api.get(BASE + "/health", null).status()).isEqualTo(200);
        assertThat(api.get(BASE + "/version", null).status()).isEqualTo(200);
        assertThat(api.get(BASE + "/auth/me", token).json().get("user").asString()).isEqualTo("admin");

        String user = IdentityApi.unique("tour");
        String account = id(created(api.postJson(BASE + "/service-accounts", token,
                IdentityApi.json("user", user, "pass", IdentityApi.PASSWORD, "description", "tour"))));
        seen("/service-accounts/" + account, read -> read.status() == 200);
        ok(api.send("PUT", BASE + "/service-accounts/" + account, token, "application/json", "{\"description\":\"toured\"}"), 200);
        seen("/service-accounts/" + account, read -> read.json().get("description").asString().equals("toured"));
        ok(api.send("PUT", BASE + "/service-accounts/" + account + "/password", token, "application/json",
                IdentityApi.json("new_password", IdentityApi.PASSWORD + "-2")), 204);
        String accountToken = api.login(user, IdentityApi.PASSWORD + "-2");
        seen("/service-accounts/" + account, read -> !read.json().get("last_login_at").isNull());

        String role = IdentityApi.unique("tour-role");
        created(api.postJson(BASE + "/roles", token, "{\"name\":\"" + role + "\",\"rules\":[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"list\",\"get\"]}]}"));
        seen("/roles/" + role, read -> read.status() == 200);
        String binding = id(created(api.postJson(BASE + "/role-bindings", token,
                IdentityApi.json("role_name", role, "principal", user, "space", "default"))));
        seen("/role-bindings/" + binding, read -> read.status() == 200);
        readYourWrite.accept(BASE + "/auth/me", read -> true);
        assertThat(api.get(BASE + "/auth/me", accountToken).json().get("bindings").size()).isEqualTo(1);
        assertThat(api.get(BASE + "/sessions", accountToken).status()).isEqualTo(200);

        String space = IdentityApi.unique("tour-space");
        created(api.postJson(BASE + "/spaces", token, "{\"name\":\"" + space + "\",\"settings\":{\"b\":1,\"a\":{\"d\":2,\"c\":3}}}"));
        seen("/spaces/" + space, read -> read.status() == 200);
        ok(api.send("PUT", BASE + "/spaces/" + space, token, "application/json", "{\"description\":\"toured\"}"), 200);
        seen("/spaces/" + space, read -> read.json().get("description").asString().equals("toured"));
        created(api.postJson(BASE + "/spaces/" + space + "/secrets", token, IdentityApi.json("key", "TOUR_KEY", "value", "tour-value")));
        seen("/spaces/" + space + "/secrets/TOUR_KEY", read -> read.status() == 200);
        assertThat(ok(api.get(BASE + "/spaces/" + space + "/secrets/TOUR_KEY?show_values=true", token), 200).get("value").asString())
                .isEqualTo("tour-value");

        // a target nobody listens on: the tour's deployment allows private targets, deliveries just fail
        String webhook = id(created(api.postJson(BASE + "/webhooks", token, WebhookApi.body("http://127.0.0.1:9/tour", space, List.of()))));
        seen("/webhooks/" + webhook, read -> read.status() == 200);
        ok(api.send("PUT", BASE + "/webhooks/" + webhook, token, "application/json", "{\"event_types\":[\"SessionCreatedEvent\"]}"), 200);
        seen("/webhooks/" + webhook, read -> read.json().get("event_types").size() == 1);
        ok(api.postJson(BASE + "/webhooks/" + webhook + "/replay?from=0", token, null), 200);
        ok(api.get(BASE + "/webhooks/" + webhook + "/deliveries", token), 200);

        String session = id(created(api.postJson(BASE + "/sessions", token, "{\"space\":\"" + space + "\",\"metadata\":{\"z\":1,\"a\":2}}")));
        seen("/sessions/" + session, read -> read.status() == 200);
        String name = IdentityApi.unique("tour-session");
        ok(api.send("PUT", BASE + "/sessions/" + session, token, "application/json", IdentityApi.json("name", name)), 200);
        seen("/sessions/" + name, read -> read.status() == 200);
        created(api.postJson(BASE + "/sessions/" + session + "/messages", token, "{\"role\":\"system\",\"content\":\"tour\"}"));
        seen("/sessions/" + session + "/messages/count?role=system", read -> read.json().get("count").asLong() == 1);
        ok(api.postJson(BASE + "/sessions/" + session + "/close", token, null), 200);
        seen("/sessions/" + session, read -> read.json().get("state").asString().equals("closed"));
        ok(api.send("DELETE", BASE + "/sessions/" + session + "/messages", token, null, null), 204);
        seen("/sessions/" + session + "/messages/count", read -> read.json().get("count").asLong() == 0);
        assertThat(ok(api.get(BASE + "/sessions/" + session + "/events", token), 200).size()).isGreaterThan(3);
        ok(api.send("DELETE", BASE + "/sessions/" + session, token, null, null), 204);
        seen("/sessions/" + session, read -> read.status() == 404);

        ok(api.send("DELETE", BASE + "/webhooks/" + webhook, token, null, null), 204);
        seen("/webhooks/" + webhook, read -> read.status() == 404);
        ok(api.send("DELETE", BASE + "/spaces/" + space + "/secrets/TOUR_KEY", token, null, null), 204);
        seen("/spaces/" + space + "/secrets/TOUR_KEY", read -> read.status() == 404);
        ok(api.send("DELETE", BASE + "/role-bindings/" + binding, token, null, null), 204);
        seen("/role-bindings/" + binding, read -> read.status() == 404);
        ok(api.send("DELETE", BASE + "/roles/" + role, token, null, null), 204);
        seen("/roles/" + role, read -> read.status() == 404);
        ok(api.send("DELETE", BASE + "/service-accounts/" + account, token, null, null), 204);
        seen("/service-accounts/" + account, read -> read.status() == 404);
        assertThat(api.get(BASE + "/auth/me", accountToken).status()).isEqualTo(401);
        Response rebuilt = api.postJson(BASE + "/admin/rebuild?wait=true", token, null);
        assertThat(rebuilt.status()).isEqualTo(200);
        seen("/admin/rebuilds/" + rebuilt.json().get("id").asString(),
                read -> read.status() == 200 && read.json().get("state").asString().equals("done"));
    }

    private void seen(String path, Predicate<Response> shows) {
        readYourWrite.accept(BASE + path, shows);
    }

    private static JsonNode created(Response response) {
        return ok(response, 201);
    }

    private static JsonNode ok(Response response, int status) {
        assertThat(response.status()).as("%s", response.text()).isEqualTo(status);
        return response.status() == 204 ? null : response.json();
    }

    private static String id(JsonNode object) {
        return SessionApi.id(object);
    }
}
