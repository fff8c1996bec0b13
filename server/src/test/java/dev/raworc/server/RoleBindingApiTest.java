package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertList;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.assertUnauthenticated;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** {@code /role-bindings} (spec §4): every endpoint, its filters, answers and refusals. */
class RoleBindingApiTest extends ApiTest {

    private IdentityApi identity;
    private String user;
    private String space;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
        user = unique("svc");
        space = unique("space");
        identity.createAccount(user);
        identity.createSpace(space);
    }

    @Test
    void createInASpaceAnswers201AndTakesEffectAtOnce() {
        String token = identity.login(user);
        assertError(identity.get("/spaces/" + space, token), 403, "FORBIDDEN: Not permitted to get spaces");

        Response response = identity.post("/role-bindings",
                json("role_name", "viewer", "principal", user, "principal_type", "ServiceAccount", "space", space));

        JsonNode binding = response.json();
        String id = binding.get("id").asString();
        assertCreated(response, "/api/v0/role-bindings/" + id);
        assertFields(binding, "id", "role_name", "principal", "principal_type", "space", "created_at");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(binding.get("role_name").asString()).isEqualTo("viewer");
        assertThat(binding.get("principal").asString()).isEqualTo(user);
        assertThat(binding.get("principal_type").asString()).isEqualTo("ServiceAccount");
        assertThat(binding.get("space").asString()).isEqualTo(space);
        assertTimestamp(binding, "created_at");

        assertThat(api().get("/api/v0/role-bindings/" + id, adminToken()).json()).isEqualTo(binding);
        assertThat(identity.get("/spaces/" + space, token).status()).isEqualTo(200);
        assertError(identity.get("/spaces/default", token), 403, "FORBIDDEN: Not permitted to get spaces");
        assertThat(identity.get("/auth/me", token).json().get("bindings"))
                .isEqualTo(ApiClient.JSON.readTree("[{\"role\":\"viewer\",\"space\":\"" + space + "\"}]"));
    }

    @Test
    void bindingWithoutASpaceIsGlobal() {
        JsonNode binding = identity.bind("viewer", user, null);

        assertThat(binding.get("space").isNull()).isTrue();
        assertThat(binding.get("principal_type").asString()).isEqualTo("ServiceAccount");
        String token = identity.login(user);
        assertThat(identity.get("/spaces/" + space, token).status()).isEqualTo(200);
        assertThat(identity.get("/spaces/default", token).status()).isEqualTo(200);
    }

    @Test
    void deleteAnswers204AndTakesEffectOnTokensAlreadyIssued() {
        String id = identity.bind("viewer", user, space).get("id").asString();
        String token = identity.login(user);
        assertThat(identity.get("/spaces/" + space, token).status()).isEqualTo(200);

        assertNoContent(identity.delete("/role-bindings/" + id));

        assertError(identity.get("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
        assertError(identity.delete("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
        assertThat(assertList(identity.get("/role-bindings?principal=" + user), 0, 0, 100)).isEmpty();
        assertError(identity.get("/spaces/" + space, token), 403, "FORBIDDEN: Not permitted to get spaces");
        assertThat(identity.bind("viewer", user, space).get("id").asString()).isNotEqualTo(id);
    }

    @Test
    void listFiltersByPrincipalRoleNameAndSpace() {
        String other = unique("svc");
        String otherSpace = unique("space");
        identity.createAccount(other);
        identity.createSpace(otherSpace);
        String viewerHere = identity.bind("viewer", user, space).get("id").asString();
        String operatorThere = identity.bind("operator", user, otherSpace).get("id").asString();
        String viewerEverywhere = identity.bind("viewer", user, null).get("id").asString();
        String othersViewerHere = identity.bind("viewer", other, space).get("id").asString();

        assertThat(ids(identity.get("/role-bindings?principal=" + user), 3))
                .containsExactly(viewerHere, operatorThere, viewerEverywhere);
        assertThat(ids(identity.get("/role-bindings?principal=" + user + "&role_name=viewer"), 2))
                .containsExactly(viewerHere, viewerEverywhere);
        assertThat(ids(identity.get("/role-bindings?principal=" + user + "&space=" + otherSpace), 1))
                .containsExactly(operatorThere);
        assertThat(ids(identity.get("/role-bindings?space=" + space), 2)).containsExactly(viewerHere, othersViewerHere);
        assertThat(ids(identity.get("/role-bindings?role_name=operator&space=" + space), 0)).isEmpty();
        assertThat(column(identity.get("/role-bindings?role_name=admin&limit=1000"), "role_name")).containsOnly("admin");
    }

    @Test
    void identicalBindingIsAConflict() {
        String id = identity.bind("viewer", user, space).get("id").asString();
        identity.bind("viewer", user, null);

        assertError(identity.post("/role-bindings", json("role_name", "viewer", "principal", user, "space", space)), 409,
                "CONFLICT: Role 'viewer' is already bound to '" + user + "' in space '" + space + "'");
        assertError(identity.post("/role-bindings", json("role_name", "viewer", "principal", user)), 409,
                "CONFLICT: Role 'viewer' is already bound to '" + user + "' globally");
        assertThat(ids(identity.get("/role-bindings?principal=" + user), 2)).hasSize(2);

        identity.bind("operator", user, space);
        assertNoContent(identity.delete("/role-bindings/" + id));
        identity.bind("viewer", user, space);
    }

    @Test
    void unknownRolePrincipalOrSpaceFailsValidation() {
        assertInvalid(json("role_name", "no-such-role", "principal", user), "role_name", "no role named 'no-such-role'");
        assertInvalid(json("role_name", "viewer", "principal", "no-such-account"), "principal",
                "no service account named 'no-such-account'");
        assertInvalid(json("role_name", "viewer", "principal", user, "space", "no-such-space"), "space",
                "no space named 'no-such-space'");
        assertInvalid(json("role_name", "viewer", "principal", user, "principal_type", "Group"), "principal_type",
                "must be 'ServiceAccount'");
        assertError(identity.post("/role-bindings", json("principal", user)), 422,
                "VALIDATION_ERROR: Invalid request: role_name must not be null");
        assertError(identity.post("/role-bindings", json("role_name", "viewer", "principal", user, "subject", user)), 422,
                "VALIDATION_ERROR: Unknown field 'subject'");
        assertThat(ids(identity.get("/role-bindings?principal=" + user), 0)).isEmpty();
    }

    @Test
    void unknownBindingIsNotFound() {
        String missingId = UUID.randomUUID().toString();

        assertError(identity.get("/role-bindings/" + missingId), 404, "NOT_FOUND: Role binding '" + missingId + "' not found");
        assertError(identity.delete("/role-bindings/" + missingId), 404, "NOT_FOUND: Role binding '" + missingId + "' not found");
        assertError(identity.get("/role-bindings/not-a-uuid"), 404, "NOT_FOUND: Role binding 'not-a-uuid' not found");
        assertError(identity.delete("/role-bindings/not-a-uuid"), 404, "NOT_FOUND: Role binding 'not-a-uuid' not found");
    }

    /** Deleting an account deletes its bindings (spec §4): they are gone for every endpoint, DELETE included. */
    @Test
    void bindingOfADeletedAccountIsNotFound() {
        String id = identity.bind("viewer", user, space).get("id").asString();

        assertNoContent(identity.delete("/service-accounts/" + user));

        assertError(identity.get("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
        assertError(identity.delete("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
    }

    /** Deleting a role removes its bindings (spec §4): they are gone for every endpoint, DELETE included. */
    @Test
    void bindingOfADeletedRoleIsNotFound() {
        String role = unique("role");
        identity.createRole(role, "[{\"api_groups\":[\"api\"],\"resources\":[\"spaces\"],\"verbs\":[\"get\"]}]");
        String id = identity.bind(role, user, space).get("id").asString();

        assertNoContent(identity.delete("/roles/" + role));

        assertError(identity.get("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
        assertError(identity.delete("/role-bindings/" + id), 404, "NOT_FOUND: Role binding '" + id + "' not found");
    }

    @Test
    void everyEndpointNeedsAToken() {
        String id = identity.bind("viewer", user, space).get("id").asString();

        assertUnauthenticated(identity.get("/role-bindings", null));
        assertUnauthenticated(identity.get("/role-bindings/" + id, null));
        assertUnauthenticated(identity.post("/role-bindings", null, json("role_name", "admin", "principal", user)));
        assertUnauthenticated(identity.delete("/role-bindings/" + id, null));
    }

    @Test
    void callersWithoutPermissionAreForbiddenAndChangeNothing() {
        String id = identity.bind("viewer", user, space).get("id").asString();

        for (String token : new String[] {identity.tokenWithoutBindings(), identity.tokenBoundTo("viewer", null),
                identity.tokenBoundTo("operator", null)}) {
            assertError(identity.get("/role-bindings", token), 403, "FORBIDDEN: Not permitted to list role-bindings");
            assertError(identity.get("/role-bindings/" + id, token), 403, "FORBIDDEN: Not permitted to get role-bindings");
            assertError(identity.post("/role-bindings", token, json("role_name", "admin", "principal", user)), 403,
                    "FORBIDDEN: Not permitted to create role-bindings");
            assertError(identity.delete("/role-bindings/" + id, token), 403, "FORBIDDEN: Not permitted to delete role-bindings");
        }
        assertThat(ids(identity.get("/role-bindings?principal=" + user), 1)).containsExactly(id);
    }

    private void assertInvalid(String body, String field, String problem) {
        Response response = identity.post("/role-bindings", body);

        assertError(response, 422, "VALIDATION_ERROR: " + field + ": " + problem);
        assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo(field);
        assertThat(response.json().at("/error/details/0/message").asString()).isEqualTo(problem);
    }

    /** The ids of a binding list answer, which must hold {@code total} bindings on its one page. */
    private static List<String> ids(Response list, long total) {
        assertList(list, total, 0, 100);
        return column(list, "id");
    }
}
