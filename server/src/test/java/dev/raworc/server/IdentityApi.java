package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Helpers of the identity-and-access API tests: requests under {@code /api/v0} as {@code admin}
 * or as a given token, fixtures (accounts, roles, bindings, spaces) with fresh names, and the
 * assertions every such test makes on the wire format.
 */
final class IdentityApi {

    static final String BASE = "/api/v0";
    static final String PASSWORD = "identity-test-password";
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    static final String NAME_RULE = "must be 1-63 characters of letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit";

    private final ApiClient api;
    private final String adminToken;

    IdentityApi(ApiClient api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** A name no other test uses, since every test class shares one server. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON object from alternating keys and values; {@code null} values are written as {@code null}. */
    static String json(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ApiClient.JSON.writeValueAsString(object);
    }

    // --- requests: path relative to /api/v0; without a token argument they go as admin

    Response get(String path) {
        return get(path, adminToken);
    }

    Response get(String path, String token) {
        return api.get(BASE + path, token);
    }

    Response post(String path, String body) {
        return post(path, adminToken, body);
    }

    Response post(String path, String token, String body) {
        return api.postJson(BASE + path, token, body);
    }

    Response put(String path, String body) {
        return put(path, adminToken, body);
    }

    Response put(String path, String token, String body) {
        return api.send("PUT", BASE + path, token, "application/json", body);
    }

    Response delete(String path) {
        return delete(path, adminToken);
    }

    Response delete(String path, String token) {
        return api.send("DELETE", BASE + path, token, null, null);
    }

    // --- fixtures, created as admin; each fails the test unless the server answers 201

    JsonNode createAccount(String user) {
        return created(post("/service-accounts", json("user", user, "pass", PASSWORD)));
    }

    JsonNode createSpace(String name) {
        return created(post("/spaces", json("name", name)));
    }

    JsonNode createRole(String name, String rulesJson) {
        return created(post("/roles", "{\"name\":\"" + name + "\",\"rules\":" + rulesJson + "}"));
    }

    JsonNode bind(String role, String principal, String space) {
        return created(post("/role-bindings", json("role_name", role, "principal", principal, "space", space)));
    }

    String login(String user) {
        return api.login(user, PASSWORD);
    }

    /** A token of a new account with no role bindings at all. */
    String tokenWithoutBindings() {
        String user = unique("nobody");
        createAccount(user);
        return login(user);
    }

    /** A token of a new account bound to {@code role} in {@code space} ({@code null}: globally). */
    String tokenBoundTo(String role, String space) {
        String user = unique(role);
        createAccount(user);
        bind(role, user, space);
        return login(user);
    }

    private static JsonNode created(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }

    // --- assertions

    static void assertError(Response response, int status, String error) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.error()).isEqualTo(error);
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    static void assertUnauthenticated(Response response) {
        assertError(response, 401, "UNAUTHORIZED: Missing bearer token");
    }

    /** 201, the created object as body, and a Location header that answers with the same object. */
    static JsonNode assertCreated(Response response, String location) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo(location);
        return response.json();
    }

    static void assertNoContent(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(204);
        assertThat(response.text()).isEmpty();
    }

    /** The object has exactly these fields, each present even when null. */
    static void assertFields(JsonNode object, String... fields) {
        assertThat(object.propertyNames()).containsExactlyInAnyOrder(fields);
    }

    static void assertTimestamp(JsonNode object, String field) {
        assertThat(object.get(field).isString()).as(field + " of " + object).isTrue();
        assertThat(object.get(field).asString()).as(field).matches(TIMESTAMP);
    }

    /** A list answer: 200, a JSON array and the pagination headers. */
    static JsonNode assertList(Response response, long total, long offset, int limit) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.header("X-Total-Count")).isEqualTo(Long.toString(total));
        assertThat(response.header("X-Page-Offset")).isEqualTo(Long.toString(offset));
        assertThat(response.header("X-Page-Limit")).isEqualTo(Integer.toString(limit));
        return response.json();
    }

    /** One string field of every item of a list answer, in order. */
    static List<String> column(Response list, String field) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<String> values = new ArrayList<>();
        for (JsonNode item : list.json()) {
            values.add(item.get(field).isNull() ? null : item.get(field).asString());
        }
        return values;
    }
}
