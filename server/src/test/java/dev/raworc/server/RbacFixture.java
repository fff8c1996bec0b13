package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * What the RBAC tests set up and inspect through the API as the built-in {@code admin}: accounts,
 * roles, bindings and spaces with names unique to one test run (the server is shared with other
 * test classes), and plain calls that fail loudly when a setup step does not succeed.
 */
final class RbacFixture {

    static final String BASE = "/api/v0";
    /** Every account these tests create has this password (until a row changes it). */
    static final String PASSWORD = "rbac-password-0123";
    static final String NEW_PASSWORD = "rbac-new-password-4567";
    /** The value of every secret these tests create. */
    static final String SECRET_VALUE = "rbac-secret-value-89ab";
    /** Where every webhook these tests create points: the discard port of loopback, which refuses. */
    static final String WEBHOOK_URL = "http://127.0.0.1:9/rbac";
    /** The target rows create or update webhooks with, unique to the row. */
    static final String UNIQUE_WEBHOOK_URL = WEBHOOK_URL + "/{unique}";

    private final ApiClient api;
    private final String adminToken;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    RbacFixture(ApiClient api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** A name no other test (nor an earlier run against the same database) uses. */
    String unique(String what) {
        return "rbac-" + run + "-" + what + "-" + counter.incrementAndGet();
    }

    /** A request to {@code /api/v0 + path}; a body is sent as JSON. A null token sends none. */
    Response call(String method, String path, String token, String body) {
        return api.send(method, BASE + path, token, body == null ? null : "application/json", body);
    }

    Response asAdmin(String method, String path, String body) {
        return call(method, path, adminToken, body);
    }

    /** Creates an account with {@link #PASSWORD}; returns its user name. */
    String createAccount(String what) {
        String user = unique(what);
        expect(201, asAdmin("POST", "/service-accounts", json(Map.of("user", user, "pass", PASSWORD))), "create account " + user);
        return user;
    }

    /** Binds a role to an account, globally ({@code space == null}) or in one space; returns the binding id. */
    String bind(String role, String user, String space) {
        String body = space == null
                ? json(Map.of("role_name", role, "principal", user))
                : json(Map.of("role_name", role, "principal", user, "space", space));
        Response created = expect(201, asAdmin("POST", "/role-bindings", body), "bind " + role + " to " + user + " in " + space);
        return created.json().get("id").asString();
    }

    void unbind(String bindingId) {
        expect(204, asAdmin("DELETE", "/role-bindings/" + bindingId, null), "delete binding " + bindingId);
    }

    /** Creates a role from its rules, given as the JSON array of the wire format; returns its name. */
    String createRole(String what, String rulesJson) {
        String name = unique(what);
        expect(201, asAdmin("POST", "/roles", "{\"name\":\"" + name + "\",\"rules\":" + rulesJson + "}"), "create role " + name);
        return name;
    }

    String createSpace(String what) {
        String name = unique(what);
        expect(201, asAdmin("POST", "/spaces", json(Map.of("name", name))), "create space " + name);
        return name;
    }

    /** A secret key no other test uses: keys allow letters, digits and '_' only. */
    String uniqueKey() {
        return "RBAC_" + run + "_" + counter.incrementAndGet();
    }

    /** Creates a session (state {@code init}) in a space, with one message; returns its id. */
    String createSession(String space) {
        String name = unique("session");
        Response created = expect(201, asAdmin("POST", "/sessions", json(Map.of("name", name, "space", space))),
                "create session " + name + " in " + space);
        String id = created.json().get("id").asString();
        expect(201, asAdmin("POST", "/sessions/" + id + "/messages", json(Map.of("content", "first message"))),
                "post the first message to " + name);
        return id;
    }

    /** Creates a session in a space, with one message, and closes it; returns its id. */
    String createClosedSession(String space) {
        String id = createSession(space);
        expect(200, asAdmin("POST", "/sessions/" + id + "/close", null), "close session " + id);
        return id;
    }

    /** Creates a session in a space, with one message and the file {@code f.txt}; returns its id. */
    String createSessionWithFile(String space) {
        String id = createSession(space);
        expect(201, asAdmin("PUT", "/sessions/" + id + "/files/f.txt", "a file"), "write f.txt into " + id);
        return id;
    }

    /**
     * The file writes in the history of the session at {@code sessionPath}, as {@code type path}:
     * {@code FilesWrittenEvent a.txt} for each entry written, {@code FileDeletedEvent a.txt}.
     */
    List<String> fileEvents(String sessionPath) {
        List<String> writes = new ArrayList<>();
        for (JsonNode event : read(sessionPath + "/events?limit=1000")) {
            String type = event.get("type").asString();
            if (type.equals("FilesWrittenEvent")) {
                event.get("data").get("entries").forEach(entry -> writes.add(type + " " + entry.get("path").asString()));
            } else if (type.equals("FileDeletedEvent")) {
                writes.add(type + " " + event.get("data").get("path").asString());
            }
        }
        return writes;
    }

    /** Creates a secret with {@link #SECRET_VALUE} in a space; returns its key. */
    String createSecret(String space) {
        String key = uniqueKey();
        expect(201, asAdmin("POST", "/spaces/" + space + "/secrets",
                json(Map.of("key", key, "value", SECRET_VALUE, "description", "rbac"))), "create secret " + key + " in " + space);
        return key;
    }

    /**
     * Creates a webhook, in a space or ({@code space == null}) global, that takes only
     * {@code SessionCreatedEvent}; returns its id. Its target refuses connections: deliveries to
     * it fail, which no row minds.
     */
    String createWebhook(String space) {
        Map<String, Object> fields = new HashMap<>(Map.of("url", WEBHOOK_URL, "event_types", List.of("SessionCreatedEvent")));
        fields.put("space", space);
        return expect(201, asAdmin("POST", "/webhooks", json(fields)), "create a webhook in " + space).json().get("id").asString();
    }

    /** A webhook's deliveries as the admin lists them, oldest first. */
    JsonNode webhookDeliveries(String webhookPath) {
        return read(webhookPath + "/deliveries?limit=1000");
    }

    /** How many messages the admin counts in the session at {@code sessionPath} ({@code /sessions/{id}}). */
    long messageCount(String sessionPath) {
        return read(sessionPath + "/messages/count").get("count").asLong();
    }

    /** What the admin reads at {@code path}; anything but 200 fails. */
    JsonNode read(String path) {
        return expect(200, asAdmin("GET", path, null), "admin GET " + path).json();
    }

    String login(String user) {
        return api.login(user, PASSWORD);
    }

    Response login(String user, String password) {
        return call("POST", "/auth/login", null, json(Map.of("user", user, "pass", password)));
    }

    /**
     * Whether the admin sees something at {@code path}: a 200 with a non-empty body (a list
     * answering {@code []} shows nothing), or a 404. Anything else fails.
     */
    boolean adminSees(String path) {
        Response response = asAdmin("GET", path, null);
        if (response.status() == 404) {
            return false;
        }
        expect(200, response, "admin GET " + path);
        JsonNode body = response.json();
        return !body.isArray() || !body.isEmpty();
    }

    /** The description the admin reads at {@code path}, or null. */
    String description(String path) {
        JsonNode description = expect(200, asAdmin("GET", path, null), "admin GET " + path).json().get("description");
        return description == null || description.isNull() ? null : description.asString();
    }

    static Response expect(int status, Response response, String what) {
        assertThat(response.status()).as("%s answered %s %s", what, response.status(), response.text()).isEqualTo(status);
        return response;
    }

    static String json(Map<String, ?> fields) {
        return ApiClient.JSON.writeValueAsString(fields);
    }
}
