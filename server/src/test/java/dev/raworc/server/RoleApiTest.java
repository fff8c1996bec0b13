package dev.raworc.server;

import static dev.raworc.server.IdentityApi.NAME_RULE;
import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** {@code /roles} (spec §4): every endpoint, its answers and its refusals. */
class RoleApiTest extends ApiTest {

    private static final String READ_SESSIONS =
            "[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\",\"list\"],\"resource_names\":[\"s1\",\"s2\"]},"
            + "{\"api_groups\":[\"*\"],\"resources\":[\"spaces\"],\"verbs\":[\"list\"],\"resource_names\":null}]";
    private static final String LIST_SPACES = "[" + rule("spaces", "list") + "]";

    private IdentityApi identity;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
    }

    @Test
    void createAnswers201WithTheRoleAndItsLocation() {
        String name = unique("role");
        Response response = identity.post("/roles",
                "{\"name\":\"" + name + "\",\"description\":\"Reads two sessions\",\"rules\":" + READ_SESSIONS + "}");

        JsonNode role = response.json();
        assertCreated(response, "/api/v0/roles/" + role.get("id").asString());
        assertFields(role, "id", "name", "description", "rules", "created_at");
        assertThat(UUID.fromString(role.get("id").asString())).isNotNull();
        assertThat(role.get("name").asString()).isEqualTo(name);
        assertThat(role.get("description").asString()).isEqualTo("Reads two sessions");
        assertThat(role.get("rules")).isEqualTo(ApiClient.JSON.readTree(READ_SESSIONS));
        assertTimestamp(role, "created_at");
    }

    @Test
    void createdRoleIsReadableAtOnceByIdByNameAndInTheList() {
        String name = unique("role");
        JsonNode created = identity.createRole(name, LIST_SPACES);

        assertThat(api().get("/api/v0/roles/" + created.get("id").asString(), adminToken()).json()).isEqualTo(created);
        assertThat(identity.get("/roles/" + name).json()).isEqualTo(created);
        assertThat(created.get("description").isNull()).isTrue();
        assertThat(created.at("/rules/0/resource_names").isNull()).isTrue();

        Response list = identity.get("/roles?limit=1000");
        assertList(list, list.json().size(), 0, 1000);
        assertThat(column(list, "name")).startsWith("admin", "operator", "viewer").contains(name);
    }

    @Test
    void builtInAdminRoleGrantsEverything() {
        JsonNode admin = identity.get("/roles/admin").json();

        assertThat(admin.get("rules")).isEqualTo(ApiClient.JSON.readTree(
                "[{\"api_groups\":[\"*\"],\"resources\":[\"*\"],\"verbs\":[\"*\"],\"resource_names\":null}]"));
    }

    @Test
    void deleteAnswers204RemovesTheBindingsAndFreesTheName() {
        String name = unique("role");
        String oldId = identity.createRole(name, LIST_SPACES).get("id").asString();
        String user = unique("svc");
        identity.createAccount(user);
        String binding = identity.bind(name, user, null).get("id").asString();
        String token = identity.login(user);
        assertThat(identity.get("/spaces", token).status()).isEqualTo(200);

        assertNoContent(identity.delete("/roles/" + oldId));

        assertError(identity.get("/roles/" + oldId), 404, "NOT_FOUND: Role '" + oldId + "' not found");
        assertError(identity.get("/roles/" + name), 404, "NOT_FOUND: Role '" + name + "' not found");
        assertThat(column(identity.get("/roles?limit=1000"), "name")).doesNotContain(name);
        assertError(identity.get("/role-bindings/" + binding), 404, "NOT_FOUND: Role binding '" + binding + "' not found");
        assertThat(identity.get("/auth/me", token).json().get("bindings")).isEmpty();
        assertError(identity.get("/spaces", token), 403, "FORBIDDEN: Not permitted to list spaces");

        String newId = identity.createRole(name, LIST_SPACES).get("id").asString();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(assertList(identity.get("/role-bindings?role_name=" + name), 0, 0, 100)).isEmpty();
        assertError(identity.get("/spaces", token), 403, "FORBIDDEN: Not permitted to list spaces");
    }

    @Test
    void builtInRolesCannotBeDeleted() {
        for (String builtIn : new String[] {"admin", "operator", "viewer"}) {
            String id = identity.get("/roles/" + builtIn).json().get("id").asString();

            assertError(identity.delete("/roles/" + id), 409, "CONFLICT: Built-in role '" + builtIn + "' cannot be deleted");
            assertThat(identity.get("/roles/" + builtIn).status()).isEqualTo(200);
        }
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = unique("role");
        identity.createRole(name, LIST_SPACES);

        assertError(createRole(name, LIST_SPACES), 409, "CONFLICT: Role '" + name + "' already exists");
        assertError(createRole("viewer", LIST_SPACES), 409, "CONFLICT: Role 'viewer' already exists");
    }

    @Test
    void unknownResourceOrVerbFailsValidation() {
        String name = unique("role");

        Response resource = createRole(name, "[" + rule("sesions", "get") + "]");
        assertError(resource, 422, "VALIDATION_ERROR: Invalid rules: [rules[0].resources unknown resource 'sesions']");
        assertThat(resource.json().at("/error/details/0/field").asString()).isEqualTo("rules[0].resources");

        Response verb = createRole(name, "[" + rule("spaces", "list") + "," + rule("roles", "destroy") + "]");
        assertError(verb, 422, "VALIDATION_ERROR: Invalid rules: [rules[1].verbs unknown verb 'destroy']");
        assertThat(verb.json().at("/error/details/0/field").asString()).isEqualTo("rules[1].verbs");

        assertError(identity.get("/roles/" + name), 404, "NOT_FOUND: Role '" + name + "' not found");
    }

    /** {@code read-values} exists only on secrets, {@code update-state} and {@code audit} only on sessions (spec §4). */
    @Test
    void verbOfAnotherResourceFailsValidation() {
        for (String[] misfit : new String[][] {{"roles", "read-values"}, {"spaces", "update-state"}, {"messages", "audit"}}) {
            String name = unique("role");

            Response response = createRole(name, "[" + rule(misfit[0], misfit[1]) + "]");

            assertThat(response.status()).as(String.join(" on ", misfit[1], misfit[0])).isEqualTo(422);
            assertThat(response.error()).startsWith("VALIDATION_ERROR: ").contains(misfit[1]);
            assertThat(identity.get("/roles/" + name).status()).isEqualTo(404);
        }
    }

    @Test
    void invalidNamesMissingRulesAndUnknownFieldsFailValidation() {
        for (String invalid : new String[] {"", "-role", "role with space", "r".repeat(64)}) {
            assertError(createRole(invalid, LIST_SPACES), 422, "VALIDATION_ERROR: Invalid request: name " + NAME_RULE);
        }
        assertError(identity.post("/roles", "{\"name\":\"" + unique("role") + "\"}"), 422,
                "VALIDATION_ERROR: Invalid request: rules must not be null");
        assertError(createRole(unique("role"), "[{\"api_group\":[\"api\"],\"resources\":[\"spaces\"],\"verbs\":[\"get\"]}]"), 422,
                "VALIDATION_ERROR: Unknown field 'rules[0].api_group'");
        assertError(createRole(unique("role"), "[{\"api_groups\":\"api\",\"resources\":[\"spaces\"],\"verbs\":[\"get\"]}]"), 422,
                "VALIDATION_ERROR: Field 'rules[0].api_groups' must be an array");
    }

    @Test
    void unknownRoleIsNotFound() {
        String missing = unique("missing");
        String missingId = UUID.randomUUID().toString();

        for (String id : new String[] {missing, missingId}) {
            assertError(identity.get("/roles/" + id), 404, "NOT_FOUND: Role '" + id + "' not found");
            assertError(identity.delete("/roles/" + id), 404, "NOT_FOUND: Role '" + id + "' not found");
        }
    }

    @Test
    void everyEndpointNeedsAToken() {
        assertUnauthenticated(identity.get("/roles", null));
        assertUnauthenticated(identity.get("/roles/viewer", null));
        assertUnauthenticated(identity.post("/roles", null, "{\"name\":\"" + unique("role") + "\",\"rules\":" + LIST_SPACES + "}"));
        assertUnauthenticated(identity.delete("/roles/viewer", null));
    }

    @Test
    void callersWithoutPermissionAreForbiddenAndChangeNothing() {
        String name = unique("role");
        identity.createRole(name, LIST_SPACES);

        for (String token : new String[] {identity.tokenWithoutBindings(), identity.tokenBoundTo("viewer", null),
                identity.tokenBoundTo("operator", null)}) {
            assertError(identity.get("/roles", token), 403, "FORBIDDEN: Not permitted to list roles");
            assertError(identity.get("/roles/" + name, token), 403, "FORBIDDEN: Not permitted to get roles");
            assertError(identity.post("/roles", token, "{\"name\":\"" + unique("role") + "\",\"rules\":" + LIST_SPACES + "}"),
                    403, "FORBIDDEN: Not permitted to create roles");
            assertError(identity.delete("/roles/" + name, token), 403, "FORBIDDEN: Not permitted to delete roles");
        }
        assertThat(identity.get("/roles/" + name).status()).isEqualTo(200);
    }

    private static String rule(String resource, String verb) {
        return "{\"api_groups\":[\"api\"],\"resources\":[\"" + resource + "\"],\"verbs\":[\"" + verb + "\"]}";
    }

    private Response createRole(String name, String rulesJson) {
        return identity.post("/roles", "{\"name\":\"" + name + "\",\"rules\":" + rulesJson + "}");
    }
}
