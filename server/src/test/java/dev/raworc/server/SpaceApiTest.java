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
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** {@code /spaces} (spec §5): every endpoint, the {@code active} filter, answers and refusals. */
class SpaceApiTest extends ApiTest {

    private static final String SETTINGS = "{\"image\":\"raworc/agent:1\",\"limits\":{\"cpu\":2,\"memory_mb\":512},\"tags\":[\"a\",\"b\"]}";

    private IdentityApi identity;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
    }

    @Test
    void createAnswers201WithTheSpaceAndItsLocation() {
        String name = unique("space");
        Response response = identity.post("/spaces",
                "{\"name\":\"" + name + "\",\"description\":\"Team A\",\"settings\":" + SETTINGS + "}");

        JsonNode space = assertCreated(response, "/api/v0/spaces/" + name);
        assertFields(space, "name", "description", "settings", "active", "created_by", "created_at", "updated_at");
        assertThat(space.get("name").asString()).isEqualTo(name);
        assertThat(space.get("description").asString()).isEqualTo("Team A");
        assertThat(space.get("settings")).isEqualTo(ApiClient.JSON.readTree(SETTINGS));
        assertThat(space.get("active").asBoolean()).isTrue();
        assertThat(space.get("created_by").asString()).isEqualTo("admin");
        assertTimestamp(space, "created_at");
        assertThat(space.get("updated_at")).isEqualTo(space.get("created_at"));

        assertThat(api().get(response.header("Location"), adminToken()).json()).isEqualTo(space);
    }

    @Test
    void optionalFieldsDefaultAndTheSpaceIsListedAtOnce() {
        String name = unique("space");
        JsonNode space = identity.createSpace(name);

        assertThat(space.get("description").isNull()).isTrue();
        assertThat(space.get("settings")).isEqualTo(ApiClient.JSON.readTree("{}"));
        assertThat(identity.get("/spaces/" + name).json()).isEqualTo(space);
        Response list = identity.get("/spaces?limit=1000");
        assertList(list, list.json().size(), 0, 1000);
        assertThat(column(list, "name")).startsWith("default").contains(name);
    }

    @Test
    void defaultSpaceAlwaysExists() {
        JsonNode space = identity.get("/spaces/default").json();

        assertThat(space.get("active").asBoolean()).isTrue();
        assertThat(space.get("created_by").asString()).isEqualTo("system");
    }

    @Test
    void updateChangesDescriptionSettingsAndActivity() {
        String name = unique("space");
        JsonNode created = identity.createSpace(name);

        JsonNode described = updated(name, json("description", "Team B"));
        assertThat(described.get("description").asString()).isEqualTo("Team B");
        assertThat(Instant.parse(described.get("updated_at").asString()))
                .isAfter(Instant.parse(created.get("created_at").asString()));
        assertThat(described.get("created_at")).isEqualTo(created.get("created_at"));

        JsonNode configured = updated(name, "{\"settings\":" + SETTINGS + "}");
        assertThat(configured.get("settings")).isEqualTo(ApiClient.JSON.readTree(SETTINGS));
        assertThat(configured.get("description").asString()).isEqualTo("Team B");

        JsonNode deactivated = updated(name, json("active", false));
        assertThat(deactivated.get("active").asBoolean()).isFalse();
        assertThat(deactivated.get("settings")).isEqualTo(ApiClient.JSON.readTree(SETTINGS));
        assertTimestamp(deactivated, "updated_at");
        assertThat(identity.get("/spaces/" + name).json()).isEqualTo(deactivated);

        assertThat(updated(name, json("active", true)).get("active").asBoolean()).isTrue();
    }

    @Test
    void everyWriteAnswersExactlyWhatTheNextGetAnswersWithSettingsKeysSorted() {
        String name = unique("space");
        String unsorted = "{\"zeta\":1,\"alpha\":{\"yes\":[{\"d\":1,\"c\":2}],\"b\":3}}";
        Response created = identity.post("/spaces", "{\"name\":\"" + name + "\",\"settings\":" + unsorted + "}");
        assertThat(created.text()).contains("{\"alpha\":{\"b\":3,\"yes\":[{\"c\":2,\"d\":1}]},\"zeta\":1}");
        assertThat(identity.get("/spaces/" + name).text()).isEqualTo(created.text());

        for (String change : List.of("{\"settings\":{\"b\":1,\"a\":2}}", json("description", "x"), json("active", false))) {
            Response answer = identity.put("/spaces/" + name, change);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(identity.get("/spaces/" + name).text()).isEqualTo(answer.text());
        }
    }

    @Test
    void listFiltersByActivity() {
        String active = unique("space");
        String inactive = unique("space");
        identity.createSpace(active);
        identity.createSpace(inactive);
        updated(inactive, json("active", false));

        Response onlyInactive = identity.get("/spaces?active=false&limit=1000");
        assertThat(column(onlyInactive, "name")).contains(inactive).doesNotContain(active, "default");
        assertThat(column(onlyInactive, "active")).containsOnly("false");
        assertList(onlyInactive, onlyInactive.json().size(), 0, 1000);

        Response onlyActive = identity.get("/spaces?active=true&limit=1000");
        assertThat(column(onlyActive, "name")).contains(active, "default").doesNotContain(inactive);
        assertThat(column(onlyActive, "active")).containsOnly("true");

        assertError(identity.get("/spaces?active=maybe"), 400, "BAD_REQUEST: Invalid value for parameter 'active'");
    }

    @Test
    void deleteAnswers204AndFreesTheName() {
        String name = unique("space");
        identity.createSpace(name);

        assertNoContent(identity.delete("/spaces/" + name));

        assertError(identity.get("/spaces/" + name), 404, "NOT_FOUND: Space '" + name + "' not found");
        assertThat(column(identity.get("/spaces?limit=1000"), "name")).doesNotContain(name);
        assertThat(identity.createSpace(name).get("description").isNull()).isTrue();
    }

    @Test
    void defaultSpaceCannotBeDeleted() {
        assertError(identity.delete("/spaces/default"), 409, "CONFLICT: Space 'default' always exists and cannot be deleted");
        assertThat(identity.get("/spaces/default").status()).isEqualTo(200);
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = unique("space");
        identity.createSpace(name);

        assertError(identity.post("/spaces", json("name", name)), 409, "CONFLICT: Space '" + name + "' already exists");
        assertError(identity.post("/spaces", json("name", "default")), 409, "CONFLICT: Space 'default' already exists");
    }

    @Test
    void invalidNamesUnknownFieldsAndWrongTypesFailValidation() {
        for (String invalid : new String[] {"", "_space", "space one", "space/one", "s".repeat(64)}) {
            Response response = identity.post("/spaces", json("name", invalid));
            assertError(response, 422, "VALIDATION_ERROR: Invalid request: name " + NAME_RULE);
            assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo("name");
        }
        String name = unique("space");
        assertError(identity.post("/spaces", json("name", name, "owner", "admin")), 422, "VALIDATION_ERROR: Unknown field 'owner'");
        assertError(identity.post("/spaces", json("name", name, "settings", "none")), 422,
                "VALIDATION_ERROR: Field 'settings' must be an object");
        assertError(identity.get("/spaces/" + name), 404, "NOT_FOUND: Space '" + name + "' not found");

        identity.createSpace(name);
        assertError(identity.put("/spaces/" + name, json("name", "renamed")), 422, "VALIDATION_ERROR: Unknown field 'name'");
        assertError(identity.put("/spaces/" + name, json("active", 0)), 422, "VALIDATION_ERROR: Field 'active' must be a boolean");
    }

    @Test
    void unknownSpaceIsNotFound() {
        String missing = unique("missing");
        String message = "NOT_FOUND: Space '" + missing + "' not found";

        assertError(identity.get("/spaces/" + missing), 404, message);
        assertError(identity.put("/spaces/" + missing, json("description", "x")), 404, message);
        assertError(identity.delete("/spaces/" + missing), 404, message);
    }

    @Test
    void everyEndpointNeedsAToken() {
        assertUnauthenticated(identity.get("/spaces", null));
        assertUnauthenticated(identity.get("/spaces/default", null));
        assertUnauthenticated(identity.post("/spaces", null, json("name", unique("space"))));
        assertUnauthenticated(identity.put("/spaces/default", null, json("description", "x")));
        assertUnauthenticated(identity.delete("/spaces/default", null));
    }

    @Test
    void callerWithoutBindingsIsForbidden() {
        String token = identity.tokenWithoutBindings();
        String name = unique("space");
        identity.createSpace(name);

        assertError(identity.get("/spaces", token), 403, "FORBIDDEN: Not permitted to list spaces");
        assertError(identity.get("/spaces/" + name, token), 403, "FORBIDDEN: Not permitted to get spaces");
        assertForbiddenToChange(token, name);
    }

    @Test
    void viewersReadButCannotChangeSpaces() {
        String name = unique("space");
        identity.createSpace(name);
        String token = identity.tokenBoundTo("viewer", null);

        assertThat(identity.get("/spaces/" + name, token).json()).isEqualTo(identity.get("/spaces/" + name).json());
        assertThat(column(identity.get("/spaces?limit=1000", token), "name")).contains("default", name);
        assertForbiddenToChange(token, name);
    }

    @Test
    void viewerOfOneSpaceSeesAndCountsOnlyThatSpace() {
        String mine = unique("space");
        String theirs = unique("space");
        identity.createSpace(mine);
        identity.createSpace(theirs);
        String token = identity.tokenBoundTo("viewer", mine);

        Response visible = identity.get("/spaces", token);
        assertList(visible, 1, 0, 100);
        assertThat(column(visible, "name")).containsExactly(mine);
        assertThat(identity.get("/spaces/" + mine, token).status()).isEqualTo(200);
        assertError(identity.get("/spaces/" + theirs, token), 403, "FORBIDDEN: Not permitted to get spaces");
        assertError(identity.get("/spaces/default", token), 403, "FORBIDDEN: Not permitted to get spaces");
    }

    private void assertForbiddenToChange(String token, String name) {
        assertError(identity.post("/spaces", token, json("name", unique("space"))), 403, "FORBIDDEN: Not permitted to create spaces");
        assertError(identity.put("/spaces/" + name, token, json("active", false)), 403, "FORBIDDEN: Not permitted to update spaces");
        assertError(identity.delete("/spaces/" + name, token), 403, "FORBIDDEN: Not permitted to delete spaces");
        assertThat(identity.get("/spaces/" + name).json().get("active").asBoolean()).isTrue();
    }

    private JsonNode updated(String name, String body) {
        Response response = identity.put("/spaces/" + name, body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertFields(response.json(), "name", "description", "settings", "active", "created_by", "created_at", "updated_at");
        return response.json();
    }
}
