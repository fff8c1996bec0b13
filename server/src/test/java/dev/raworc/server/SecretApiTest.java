package dev.raworc.server;

import static dev.raworc.server.SecretPaths.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Every secrets endpoint of the spec (§5) in both path forms, with its answers and errors, who may
 * see values, and the disclosure event that records each showing of a value.
 */
class SecretApiTest extends ApiTest {

    private static final List<String> METADATA = List.of("key", "space", "description", "created_by", "created_at",
            "updated_at");

    private String admin;

    @BeforeEach
    void logIn() {
        admin = adminToken();
    }

    // ---- success ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void createAnswers201WithLocationAndMetadataOnly(SecretPaths paths) {
        String space = newSpace();
        String key = newKey("CREATE");
        Instant before = Instant.now().minusSeconds(1);

        Response created = api().postJson(paths.secrets(space), admin, body("key", key, "value", "s3cr3t-create",
                "description", "a token"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v0/spaces/" + space + "/secrets/" + key);
        JsonNode secret = created.json();
        assertThat(secret.propertyNames()).containsExactlyInAnyOrderElementsOf(METADATA);
        assertThat(secret.get("key").asString()).isEqualTo(key);
        assertThat(secret.get("space").asString()).isEqualTo(space);
        assertThat(secret.get("description").asString()).isEqualTo("a token");
        assertThat(secret.get("created_by").asString()).isEqualTo("admin");
        assertThat(Instant.parse(secret.get("created_at").asString())).isAfter(before);
        assertThat(secret.get("updated_at").asString()).isEqualTo(secret.get("created_at").asString());
        assertThat(created.text()).doesNotContain("s3cr3t-create");
        assertThat(api().get(created.header("Location"), admin).text()).isEqualTo(created.text());
    }

    @Test
    void shortFormWithoutSpaceIsTheDefaultSpace() {
        String key = newKey("DEFAULT");

        Response created = api().postJson("/api/v0/secrets", admin, body("key", key, "value", "in-default"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("space").asString()).isEqualTo("default");
        assertThat(created.header("Location")).isEqualTo("/api/v0/spaces/default/secrets/" + key);
        assertThat(api().get("/api/v0/secrets/" + key, admin).json().get("space").asString()).isEqualTo("default");
        assertThat(keys(api().get("/api/v0/secrets?limit=1000", admin))).contains(key);
        assertThat(api().get("/api/v0/secrets/" + key + "?show_values=true", admin).json().get("value").asString())
                .isEqualTo("in-default");
        assertThat(api().send("PUT", "/api/v0/secrets/" + key, admin, "application/json", body("description", "d"))
                .json().get("description").asString()).isEqualTo("d");
        assertThat(api().send("DELETE", "/api/v0/secrets/" + key, admin, null, null).status()).isEqualTo(204);
        assertThat(api().get("/api/v0/spaces/default/secrets/" + key, admin).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void getAnswersMetadataWithoutTheValueField(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "get-value");

        for (String path : List.of(paths.secret(space, key), with(paths.secret(space, key), "show_values=false"))) {
            Response response = api().get(path, admin);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().propertyNames()).containsExactlyInAnyOrderElementsOf(METADATA);
            assertThat(response.json().has("value")).isFalse();
            assertThat(response.json().get("key").asString()).isEqualTo(key);
            assertThat(response.text()).doesNotContain("get-value");
        }
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void listAnswersTheSpaceSecretsByKeyWithoutValues(SecretPaths paths) {
        String space = newSpace();
        createSecret(space, "B_SECOND", "list-value-b");
        createSecret(space, "A_FIRST", "list-value-a");
        createSecret(newSpace(), "A_FIRST", "other-space");

        Response list = api().get(paths.secrets(space), admin);

        assertThat(list.status()).isEqualTo(200);
        assertThat(keys(list)).containsExactly("A_FIRST", "B_SECOND");
        assertThat(list.header("X-Total-Count")).isEqualTo("2");
        for (JsonNode secret : list.json()) {
            assertThat(secret.propertyNames()).containsExactlyInAnyOrderElementsOf(METADATA);
            assertThat(secret.get("space").asString()).isEqualTo(space);
        }
        assertThat(list.text()).doesNotContain("list-value");
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void updateChangesTheDescriptionAndTheValue(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "first-value");
        String created = api().get(paths.secret(space, key), admin).json().get("created_at").asString();

        Response described = put(paths.secret(space, key), body("description", "rotated monthly"));
        Response revalued = put(paths.secret(space, key), body("value", "second-value"));

        assertThat(described.status()).as(described.text()).isEqualTo(200);
        assertThat(described.json().get("description").asString()).isEqualTo("rotated monthly");
        assertThat(described.json().has("value")).isFalse();
        assertThat(revalued.status()).as(revalued.text()).isEqualTo(200);
        assertThat(revalued.json().get("description").asString()).isEqualTo("rotated monthly");
        assertThat(revalued.json().has("value")).isFalse();
        assertThat(revalued.text()).doesNotContain("second-value");
        assertThat(Instant.parse(revalued.json().get("updated_at").asString())).isAfter(Instant.parse(created));
        assertThat(revalued.json().get("created_at").asString()).isEqualTo(created);
        assertThat(api().get(paths.secret(space, key), admin).text()).isEqualTo(revalued.text());
        assertThat(value(paths.secret(space, key), admin)).isEqualTo("second-value");
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void deleteAnswers204AndTheSecretIsGone(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "to-delete");

        Response deleted = delete(paths.secret(space, key));

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertThat(api().get(paths.secret(space, key), admin).status()).isEqualTo(404);
        assertThat(keys(api().get(paths.secrets(space), admin))).isEmpty();
        assertThat(delete(paths.secret(space, key)).status()).isEqualTo(404);
        assertThat(api().postJson(paths.secrets(space), admin, body("key", key, "value", "again")).status())
                .as("the key is free again").isEqualTo(201);
        assertThat(value(paths.secret(space, key), admin)).isEqualTo("again");
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void valuesReadBackExactlyAsWritten(SecretPaths paths) {
        String space = newSpace();
        List<String> values = List.of("", "  spaces around  ", "line one\nline two\ttab", "\"quoted\" \\ back\\slash",
                "ünïcödé ✓ 🔑 中文");

        for (String value : values) {
            String key = newKey("EXACT");
            Response created = api().postJson(paths.secrets(space), admin, body("key", key, "value", value));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(value(paths.secret(space, key), admin)).isEqualTo(value);
            assertThat(put(paths.secret(space, key), body("value", value + value)).status()).isEqualTo(200);
            assertThat(value(paths.secret(space, key), admin)).isEqualTo(value + value);
        }
    }

    // ---- not found, conflict, validation ------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void anUnknownSpaceIsNotFound(SecretPaths paths) {
        String space = "no-such-space-" + UUID.randomUUID();
        String expected = "NOT_FOUND: Space '" + space + "' not found";

        List<Response> answers = List.of(
                api().postJson(paths.secrets(space), admin, body("key", "ANY", "value", "v")),
                api().get(paths.secrets(space), admin),
                api().get(with(paths.secrets(space), "show_values=true"), admin),
                api().get(paths.secret(space, "ANY"), admin),
                put(paths.secret(space, "ANY"), body("value", "v")),
                delete(paths.secret(space, "ANY")));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.error()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void anUnknownKeyIsNotFound(SecretPaths paths) {
        String space = newSpace();
        String key = newKey("MISSING");
        String expected = "NOT_FOUND: Secret '" + key + "' not found in space '" + space + "'";

        List<Response> answers = List.of(
                api().get(paths.secret(space, key), admin),
                api().get(with(paths.secret(space, key), "show_values=true"), admin),
                put(paths.secret(space, key), body("value", "v")),
                delete(paths.secret(space, key)));

        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.error()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void aDuplicateKeyInTheSameSpaceIsAConflict(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "original");

        Response duplicate = api().postJson(paths.secrets(space), admin, body("key", key, "value", "duplicate"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).isEqualTo("CONFLICT: Secret '" + key + "' already exists in space '" + space + "'");
        assertThat(value(paths.secret(space, key), admin)).isEqualTo("original");
        assertThat(api().postJson(paths.secrets(newSpace()), admin, body("key", key, "value", "elsewhere")).status())
                .as("the same key in another space").isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void invalidCreationsAreRefusedNamingTheField(SecretPaths paths) {
        String space = newSpace();
        String secrets = paths.secrets(space);

        for (String badKey : List.of("1STARTS_WITH_DIGIT", "HAS-DASH", "HAS SPACE", "", "K".repeat(129))) {
            assertInvalid(api().postJson(secrets, admin, body("key", badKey, "value", "v")), "key",
                    "Invalid request: key must be 1-128 characters of letters, digits and '_', not starting with a digit");
        }
        assertInvalid(api().postJson(secrets, admin, body("value", "v")), "key", "Invalid request: key must not be null");
        assertInvalid(api().postJson(secrets, admin, body("key", "NO_VALUE")), "value",
                "Invalid request: value must not be null");
        assertInvalid(api().postJson(secrets, admin, body("key", "NULL_VALUE", "value", null)), "value",
                "Invalid request: value must not be null");
        assertInvalid(api().postJson(secrets, admin, body("key", "EXTRA", "value", "v", "values", "v")), "values",
                "Unknown field 'values'");
        assertInvalid(api().postJson(secrets, admin, "{\"key\":\"NUMBER\",\"value\":42}"), "value",
                "Field 'value' must be a string");
        assertInvalid(api().postJson(secrets, admin, body("key", "TOO_LONG", "value", "v".repeat(65_537))), "value",
                "Invalid request: value must be at most 65536 characters long");

        assertThat(keys(api().get(paths.secrets(space), admin))).isEmpty();
        assertThat(api().postJson(secrets, admin, body("key", "K".repeat(128), "value", "v".repeat(65_536))).status())
                .as("the longest key and value").isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void invalidUpdatesAreRefusedNamingTheField(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "unchanged");
        String secret = paths.secret(space, key);

        assertInvalid(put(secret, body("value", "changed", "key", "OTHER")), "key", "Unknown field 'key'");
        assertInvalid(put(secret, "{\"value\":true}"), "value", "Field 'value' must be a string");
        assertInvalid(put(secret, body("value", "v".repeat(65_537))), "value",
                "Invalid request: value must be at most 65536 characters long");

        assertThat(value(secret, admin)).isEqualTo("unchanged");
    }

    // ---- authentication and permissions -------------------------------------------------------

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void withoutATokenEveryEndpointIsUnauthorized(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "no-token");

        for (Response answer : everyEndpoint(paths, space, key, null)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            assertThat(answer.error()).isEqualTo("UNAUTHORIZED: Missing bearer token");
        }
        assertThat(value(paths.secret(space, key), admin)).isEqualTo("no-token");
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void anAccountWithoutBindingsIsForbiddenEverything(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "no-binding");
        String unbound = account(null, null);

        for (Response answer : everyEndpoint(paths, space, key, unbound)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(403);
            assertThat(answer.error()).startsWith("FORBIDDEN: Not permitted to ");
        }
        assertThat(value(paths.secret(space, key), admin)).isEqualTo("no-binding");
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void aViewerReadsMetadataButAskingForValuesIsForbidden(SecretPaths paths) {
        String space = newSpace();
        String key = createSecret(space, "viewer-must-not-see");
        String viewer = account("viewer", null);

        assertThat(api().get(paths.secret(space, key), viewer).status()).isEqualTo(200);
        assertThat(keys(api().get(paths.secrets(space), viewer))).containsExactly(key);
        for (String path : List.of(with(paths.secret(space, key), "show_values=true"),
                with(paths.secrets(space), "show_values=true"))) {
            Response refused = api().get(path, viewer);

            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.error()).isEqualTo("FORBIDDEN: Not permitted to read-values secrets");
            assertThat(refused.text()).doesNotContain("viewer-must-not-see");
        }
        assertThat(api().postJson(paths.secrets(space), viewer, body("key", newKey("V"), "value", "v")).status())
                .isEqualTo(403);
        assertThat(put(paths.secret(space, key), viewer, body("value", "v")).status()).isEqualTo(403);
        assertThat(delete(paths.secret(space, key), viewer).status()).isEqualTo(403);
        assertThat(SecretEvents.disclosedTo(jdbc, SecretEvents.secretId(jdbc, space, key))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SecretPaths.class)
    void anOperatorAndAnAdminReadValues(SecretPaths paths) {
        String space = newSpace();
        String first = createSecret(space, "A_FIRST", "operator-reads-a");
        String second = createSecret(space, "B_SECOND", "operator-reads-b");
        String operator = account("operator", null);

        for (String reader : List.of(operator, admin)) {
            Response one = api().get(with(paths.secret(space, first), "show_values=true"), reader);
            Response all = api().get(with(paths.secrets(space), "show_values=true"), reader);

            assertThat(one.status()).as(one.text()).isEqualTo(200);
            assertThat(one.json().get("value").asString()).isEqualTo("operator-reads-a");
            assertThat(one.json().get("key").asString()).isEqualTo(first);
            assertThat(all.status()).as(all.text()).isEqualTo(200);
            assertThat(valuesByKey(all)).isEqualTo(Map.of(first, "operator-reads-a", second, "operator-reads-b"));
        }
    }

    @Test
    void anOperatorBoundInOneSpaceReadsValuesThereOnly() {
        String bound = newSpace();
        String other = newSpace();
        String here = createSecret(bound, "bound-here");
        String there = createSecret(other, "not-bound-there");
        String operator = account("operator", bound);

        assertThat(value(SecretPaths.SHORT_FORM.secret(bound, here), operator)).isEqualTo("bound-here");
        assertThat(valuesByKey(api().get(with(SecretPaths.SPACE_IN_PATH.secrets(bound), "show_values=true"), operator)))
                .isEqualTo(Map.of(here, "bound-here"));
        for (String path : List.of(SecretPaths.SPACE_IN_PATH.secret(other, there), SecretPaths.SHORT_FORM.secrets(other),
                with(SecretPaths.SPACE_IN_PATH.secret(other, there), "show_values=true"),
                with(SecretPaths.SHORT_FORM.secrets(other), "show_values=true"))) {
            Response refused = api().get(path, operator);

            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.text()).doesNotContain("not-bound-there");
        }
    }

    // ---- disclosure -----------------------------------------------------------------------------

    @Test
    void showingAValueIsRecordedAsAnEventNamingTheReader() {
        String space = newSpace();
        String key = createSecret(space, "audited");
        String other = createSecret(space, "audited-too");
        UUID id = SecretEvents.secretId(jdbc, space, key);
        UUID otherId = SecretEvents.secretId(jdbc, space, other);
        String reader = newUser();
        String operator = account("operator", null, reader);

        api().get(SecretPaths.SPACE_IN_PATH.secret(space, key), operator);
        api().get(SecretPaths.SHORT_FORM.secrets(space), operator);
        assertThat(SecretEvents.disclosedTo(jdbc, id)).as("metadata reads disclose nothing").isEmpty();

        assertThat(api().get(with(SecretPaths.SPACE_IN_PATH.secret(space, key), "show_values=true"), operator).status())
                .isEqualTo(200);
        assertThat(SecretEvents.disclosedTo(jdbc, id)).containsExactly(reader);
        assertThat(SecretEvents.disclosedTo(jdbc, otherId)).isEmpty();

        assertThat(api().get(with(SecretPaths.SHORT_FORM.secrets(space), "show_values=true"), admin).status())
                .isEqualTo(200);
        assertThat(SecretEvents.disclosedTo(jdbc, id)).containsExactly(reader, "admin");
        assertThat(SecretEvents.disclosedTo(jdbc, otherId)).containsExactly("admin");

        JsonNode payload = ApiClient.JSON.readTree(jdbc.sql("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE aggregate_identifier = :id AND payload_type = :type ORDER BY sequence_number LIMIT 1""")
                .param("id", id.toString()).param("type", SecretEvents.DISCLOSED).query(String.class).single());
        assertThat(payload.get("key").asString()).isEqualTo(key);
        assertThat(payload.get("space").asString()).isEqualTo(space);
        assertThat(payload.toString()).doesNotContain("audited");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** One request to each endpoint: create, list, list with values, get, get with values, update, delete. */
    private List<Response> everyEndpoint(SecretPaths paths, String space, String key, String token) {
        return List.of(
                api().postJson(paths.secrets(space), token, body("key", newKey("X"), "value", "v")),
                api().get(paths.secrets(space), token),
                api().get(with(paths.secrets(space), "show_values=true"), token),
                api().get(paths.secret(space, key), token),
                api().get(with(paths.secret(space, key), "show_values=true"), token),
                put(paths.secret(space, key), token, body("value", "changed")),
                delete(paths.secret(space, key), token));
    }

    private String createSecret(String space, String value) {
        return createSecret(space, newKey("S"), value);
    }

    private String createSecret(String space, String key, String value) {
        Response created = api().postJson(SecretPaths.SPACE_IN_PATH.secrets(space), admin, body("key", key, "value", value));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return key;
    }

    private String value(String secretPath, String token) {
        Response response = api().get(with(secretPath, "show_values=true"), token);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("value").asString();
    }

    private String newSpace() {
        String name = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api().postJson("/api/v0/spaces", admin, body("name", name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return name;
    }

    private static String newKey(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    private static String newUser() {
        return "secrets-user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new service account, bound to the role (everywhere, or in the space) unless the role is null. */
    private String account(String role, String space) {
        return account(role, space, newUser());
    }

    private String account(String role, String space, String user) {
        String pass = "pass-" + UUID.randomUUID();
        Response created = api().postJson("/api/v0/service-accounts", admin, body("user", user, "pass", pass));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        if (role != null) {
            Response bound = api().postJson("/api/v0/role-bindings", admin,
                    body("role_name", role, "principal", user, "space", space));
            assertThat(bound.status()).as(bound.text()).isEqualTo(201);
        }
        return api().login(user, pass);
    }

    private Response put(String path, String json) {
        return put(path, admin, json);
    }

    private Response put(String path, String token, String json) {
        return api().send("PUT", path, token, "application/json", json);
    }

    private Response delete(String path) {
        return delete(path, admin);
    }

    private Response delete(String path, String token) {
        return api().send("DELETE", path, token, null, null);
    }

    private static void assertInvalid(Response response, String field, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.error()).isEqualTo("VALIDATION_ERROR: " + message);
        assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo(field);
    }

    private static List<String> keys(Response list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list.json().valueStream().map(secret -> secret.get("key").asString()).toList();
    }

    private static Map<String, String> valuesByKey(Response list) {
        Map<String, String> values = new LinkedHashMap<>();
        list.json().forEach(secret -> values.put(secret.get("key").asString(), secret.get("value").asString()));
        return values;
    }

    /** A JSON object of alternating names and values; a null value is written as null. */
    static String body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return ApiClient.JSON.writeValueAsString(body);
    }
}
