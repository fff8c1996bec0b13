package dev.raworc.server;

import static dev.raworc.server.IdentityApi.NAME_RULE;
import static dev.raworc.server.IdentityApi.PASSWORD;
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
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** {@code /service-accounts} (spec §4): every endpoint, its answers and its refusals. */
class ServiceAccountApiTest extends ApiTest {

    private static final String PASSWORD_RULE = "must be 8 to 256 characters long";

    @Autowired
    DataSource dataSource;

    private IdentityApi identity;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
    }

    @Test
    void createAnswers201WithTheAccountAndItsLocation() {
        String user = unique("svc");
        Response response = identity.post("/service-accounts",
                json("user", user, "pass", PASSWORD, "description", "Builds things"));

        JsonNode account = response.json();
        String id = account.get("id").asString();
        assertCreated(response, "/api/v0/service-accounts/" + id);
        assertFields(account, "id", "user", "description", "active", "created_at", "updated_at", "last_login_at");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(account.get("user").asString()).isEqualTo(user);
        assertThat(account.get("description").asString()).isEqualTo("Builds things");
        assertThat(account.get("active").asBoolean()).isTrue();
        assertTimestamp(account, "created_at");
        assertThat(account.get("updated_at")).isEqualTo(account.get("created_at"));
        assertThat(account.get("last_login_at").isNull()).isTrue();
        assertThat(response.text()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("argon");
    }

    @Test
    void createdAccountIsReadableAtOnceByIdByNameAndInTheList() {
        String user = unique("svc");
        JsonNode created = identity.createAccount(user);
        String id = created.get("id").asString();

        assertThat(api().get("/api/v0/service-accounts/" + id, adminToken()).json()).isEqualTo(created);
        assertThat(identity.get("/service-accounts/" + user).json()).isEqualTo(created);
        assertThat(created.get("description").isNull()).isTrue();
        Response list = identity.get("/service-accounts?limit=1000");
        assertThat(column(list, "user")).contains("admin", user);
        assertList(list, list.json().size(), 0, 1000);
    }

    @Test
    void loginIsShownAsLastLoginAt() {
        String user = unique("svc");
        identity.createAccount(user);

        identity.login(user);
        awaitProjections();

        JsonNode account = identity.get("/service-accounts/" + user).json();
        assertTimestamp(account, "last_login_at");
        assertThat(Instant.parse(account.get("last_login_at").asString()))
                .isAfter(Instant.parse(account.get("created_at").asString()));
    }

    /** The answer comes from the command side's own state: it must equal what GET shows, login included. */
    @Test
    void updateAnswerEqualsTheFollowingGetAfterALogin() {
        String user = unique("svc");
        identity.createAccount(user);
        identity.login(user);
        awaitProjections();

        Response described = identity.put("/service-accounts/" + user, json("description", "Logged in once"));

        assertTimestamp(described.json(), "last_login_at");
        assertThat(identity.get("/service-accounts/" + user).json()).isEqualTo(described.json());
    }

    @Test
    void updateChangesDescriptionAndActivity() {
        String user = unique("svc");
        JsonNode created = identity.createAccount(user);

        Response described = identity.put("/service-accounts/" + user, json("description", "Nightly jobs"));
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().get("description").asString()).isEqualTo("Nightly jobs");
        assertThat(described.json().get("active").asBoolean()).isTrue();
        assertTimestamp(described.json(), "updated_at");
        assertThat(Instant.parse(described.json().get("updated_at").asString()))
                .isAfter(Instant.parse(created.get("created_at").asString()));
        assertThat(described.json().get("created_at")).isEqualTo(created.get("created_at"));
        assertThat(identity.get("/service-accounts/" + user).json()).isEqualTo(described.json());

        Response deactivated = identity.put("/service-accounts/" + created.get("id").asString(), json("active", false));
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("description").asString()).isEqualTo("Nightly jobs");
        assertThat(identity.get("/service-accounts/" + user).json()).isEqualTo(deactivated.json());
        assertThat(login(user, PASSWORD).status()).isEqualTo(401);

        assertThat(identity.put("/service-accounts/" + user, json("active", true)).json().get("active").asBoolean()).isTrue();
        assertThat(login(user, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void deleteAnswers204AndFreesTheName() {
        String user = unique("svc");
        String oldId = identity.createAccount(user).get("id").asString();

        assertNoContent(identity.delete("/service-accounts/" + user));

        assertError(identity.get("/service-accounts/" + oldId), 404, "NOT_FOUND: Service account '" + oldId + "' not found");
        assertThat(column(identity.get("/service-accounts?limit=1000"), "user")).doesNotContain(user);
        assertThat(login(user, PASSWORD).status()).isEqualTo(401);

        Response again = identity.post("/service-accounts", json("user", user, "pass", "another-password"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asString()).isNotEqualTo(oldId);
        assertThat(login(user, "another-password").status()).isEqualTo(200);
    }

    @Test
    void deletingAnAccountDeletesItsBindings() {
        String user = unique("svc");
        String space = unique("space");
        identity.createSpace(space);
        identity.createAccount(user);
        String inSpace = identity.bind("viewer", user, space).get("id").asString();
        String global = identity.bind("operator", user, null).get("id").asString();
        assertThat(identity.get("/auth/me", identity.login(user)).json().get("bindings")).hasSize(2);

        assertNoContent(identity.delete("/service-accounts/" + user));
        identity.createAccount(user);

        JsonNode me = identity.get("/auth/me", identity.login(user)).json();
        assertThat(me.get("user").asString()).isEqualTo(user);
        assertThat(me.get("bindings")).isEmpty();
        assertThat(assertList(identity.get("/role-bindings?principal=" + user), 0, 0, 100)).isEmpty();
        assertError(identity.get("/role-bindings/" + inSpace), 404, "NOT_FOUND: Role binding '" + inSpace + "' not found");
        assertError(identity.get("/role-bindings/" + global), 404, "NOT_FOUND: Role binding '" + global + "' not found");
    }

    @Test
    void duplicateUserIsAConflict() {
        String user = unique("svc");
        identity.createAccount(user);

        assertError(identity.post("/service-accounts", json("user", user, "pass", "different-password")), 409,
                "CONFLICT: Service account '" + user + "' already exists");
        assertError(identity.post("/service-accounts", json("user", "admin", "pass", PASSWORD)), 409,
                "CONFLICT: Service account 'admin' already exists");
    }

    @Test
    void passwordMustBe8To256Characters() {
        assertError(createWithPassword(unique("svc"), "x".repeat(7)), 422, "VALIDATION_ERROR: Invalid request: pass " + PASSWORD_RULE);
        assertError(createWithPassword(unique("svc"), "x".repeat(257)), 422, "VALIDATION_ERROR: Invalid request: pass " + PASSWORD_RULE);
        assertThat(createWithPassword(unique("svc"), "x".repeat(7)).json().at("/error/details/0/field").asString()).isEqualTo("pass");

        String shortest = unique("svc");
        assertThat(createWithPassword(shortest, "x".repeat(8)).status()).isEqualTo(201);
        assertThat(login(shortest, "x".repeat(8)).status()).isEqualTo(200);
    }

    @Test
    void everyCharacterOfA256CharacterPasswordCounts() {
        String user = unique("svc");
        String prefix = "p".repeat(255);
        assertThat(createWithPassword(user, prefix + "a").status()).isEqualTo(201);

        assertError(login(user, prefix + "b"), 401, "UNAUTHORIZED: Invalid user name or password");
        assertError(login(user, prefix), 401, "UNAUTHORIZED: Invalid user name or password");
        assertThat(login(user, prefix + "a").status()).isEqualTo(200);
    }

    @Test
    void invalidUserNamesFailValidation() {
        for (String invalid : new String[] {"", "-leading-dash", ".leading-dot", "has space", "slash/name", "ümlaut",
                "a".repeat(64)}) {
            Response response = createWithPassword(invalid, PASSWORD);
            assertError(response, 422, "VALIDATION_ERROR: Invalid request: user " + NAME_RULE);
            assertThat(response.json().at("/error/details/0/field").asString()).isEqualTo("user");
        }
        assertError(identity.post("/service-accounts", json("pass", PASSWORD)), 422,
                "VALIDATION_ERROR: Invalid request: user must not be null");

        String longest = unique("svc") + "_" + "a".repeat(50);
        assertThat(longest).hasSize(63);
        assertThat(createWithPassword(longest, PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAndWrongTypesFailValidation() {
        String user = unique("svc");
        assertError(identity.post("/service-accounts", json("user", user, "pass", PASSWORD, "password", PASSWORD)), 422,
                "VALIDATION_ERROR: Unknown field 'password'");
        assertError(identity.get("/service-accounts/" + user), 404, "NOT_FOUND: Service account '" + user + "' not found");

        identity.createAccount(user);
        assertError(identity.put("/service-accounts/" + user, json("enabled", false)), 422,
                "VALIDATION_ERROR: Unknown field 'enabled'");
        assertError(identity.put("/service-accounts/" + user, json("active", "false")), 422,
                "VALIDATION_ERROR: Field 'active' must be a boolean");
        assertError(identity.put("/service-accounts/" + user + "/password", json("new_password", PASSWORD, "old_password", PASSWORD)),
                422, "VALIDATION_ERROR: Unknown field 'old_password'");
    }

    @Test
    void unknownAccountIsNotFound() {
        String missing = unique("missing");
        String missingId = UUID.randomUUID().toString();

        for (String id : new String[] {missing, missingId}) {
            String message = "NOT_FOUND: Service account '" + id + "' not found";
            assertError(identity.get("/service-accounts/" + id), 404, message);
            assertError(identity.put("/service-accounts/" + id, json("description", "x")), 404, message);
            assertError(identity.put("/service-accounts/" + id + "/password", json("new_password", PASSWORD)), 404, message);
            assertError(identity.delete("/service-accounts/" + id), 404, message);
        }
    }

    @Test
    void everyEndpointNeedsAToken() {
        assertUnauthenticated(identity.get("/service-accounts", null));
        assertUnauthenticated(identity.get("/service-accounts/admin", null));
        assertUnauthenticated(identity.post("/service-accounts", null, json("user", unique("svc"), "pass", PASSWORD)));
        assertUnauthenticated(identity.put("/service-accounts/admin", null, json("description", "x")));
        assertUnauthenticated(identity.put("/service-accounts/admin/password", null, json("new_password", PASSWORD)));
        assertUnauthenticated(identity.delete("/service-accounts/admin", null));
    }

    @Test
    void callersWithoutPermissionAreForbiddenAndChangeNothing() {
        String target = unique("target");
        identity.createAccount(target);

        for (String token : new String[] {identity.tokenWithoutBindings(), identity.tokenBoundTo("viewer", null),
                identity.tokenBoundTo("operator", null)}) {
            assertError(identity.get("/service-accounts", token), 403, "FORBIDDEN: Not permitted to list service-accounts");
            assertError(identity.get("/service-accounts/" + target, token), 403, "FORBIDDEN: Not permitted to get service-accounts");
            assertError(identity.post("/service-accounts", token, json("user", unique("svc"), "pass", PASSWORD)), 403,
                    "FORBIDDEN: Not permitted to create service-accounts");
            assertError(identity.put("/service-accounts/" + target, token, json("active", false)), 403,
                    "FORBIDDEN: Not permitted to update service-accounts");
            assertError(identity.put("/service-accounts/" + target + "/password", token, json("new_password", "stolen-password")),
                    403, "FORBIDDEN: Not permitted to update service-accounts");
            assertError(identity.delete("/service-accounts/" + target, token), 403,
                    "FORBIDDEN: Not permitted to delete service-accounts");
        }
        assertThat(login(target, PASSWORD).status()).isEqualTo(200);
    }

    /*
     * Password changes run on a server of their own (see IdentityServer): whatever a change does
     * to that server's projections cannot reach the shared server the other test classes use.
     */

    @Test
    void ownPasswordChangeNeedsTheCurrentPassword() {
        try (IdentityServer server = IdentityServer.start(dataSource)) {
            IdentityApi own = server.asAdmin();
            String user = unique("svc");
            own.createAccount(user);
            String token = own.login(user);
            String path = "/service-accounts/" + user + "/password";

            assertError(own.put(path, token, json("new_password", "new-password-1")), 422,
                    "VALIDATION_ERROR: current_password is required to change your own password");
            assertError(own.put(path, token, json("current_password", "wrong-password", "new_password", "new-password-1")),
                    401, "UNAUTHORIZED: Current password is incorrect");
            assertError(own.put(path, token, json("current_password", PASSWORD, "new_password", "short")), 422,
                    "VALIDATION_ERROR: Invalid request: new_password " + PASSWORD_RULE);
            assertThat(login(server.api(), user, PASSWORD).status()).isEqualTo(200);

            assertNoContent(own.put(path, token, json("current_password", PASSWORD, "new_password", "new-password-1")));

            assertThat(login(server.api(), user, PASSWORD).status()).isEqualTo(401);
            assertThat(login(server.api(), user, "new-password-1").status()).isEqualTo(200);
        }
    }

    @Test
    void adminResetsAnotherAccountsPasswordWithoutTheCurrentOne() {
        try (IdentityServer server = IdentityServer.start(dataSource)) {
            IdentityApi own = server.asAdmin();
            String user = unique("svc");
            String id = own.createAccount(user).get("id").asString();

            assertNoContent(own.put("/service-accounts/" + id + "/password", json("new_password", "reset-password-1")));

            assertThat(login(server.api(), user, PASSWORD).status()).isEqualTo(401);
            assertThat(login(server.api(), user, "reset-password-1").status()).isEqualTo(200);
        }
    }

    /** After a password change, the account reads (read-your-writes) keep following every later change. */
    @Test
    void accountsStayReadableAfterAPasswordChange() {
        try (IdentityServer server = IdentityServer.start(dataSource)) {
            IdentityApi own = server.asAdmin();
            String user = unique("svc");
            own.createAccount(user);
            assertNoContent(own.put("/service-accounts/" + user + "/password", json("new_password", "reset-password-2")));

            String next = unique("svc");
            Response created = own.post("/service-accounts", json("user", next, "pass", PASSWORD));
            Response described = own.put("/service-accounts/" + user, json("description", "after the change"));

            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(own.get("/service-accounts/" + next).status()).isEqualTo(200);
            assertThat(described.status()).as(described.text()).isEqualTo(200);
            assertThat(described.json().get("description").asString()).isEqualTo("after the change");
        }
    }

    /** On a server of its own: only there is {@code admin} known to be the one global admin. */
    @Test
    void lastActiveGlobalAdminCannotBeDeletedOrDeactivated() {
        try (IdentityServer server = IdentityServer.start(dataSource)) {
            IdentityApi own = server.asAdmin();
            String lastAdmin = "CONFLICT: Cannot %s '%s': it is the last active account bound globally to role 'admin'";

            assertError(own.delete("/service-accounts/admin"), 409, lastAdmin.formatted("delete", "admin"));
            assertError(own.put("/service-accounts/admin", json("active", false)), 409, lastAdmin.formatted("deactivate", "admin"));

            String spaceAdmin = unique("space-admin");
            own.createAccount(spaceAdmin);
            own.bind("admin", spaceAdmin, "default");
            assertError(own.delete("/service-accounts/admin"), 409, lastAdmin.formatted("delete", "admin"));

            String second = unique("second-admin");
            own.createAccount(second);
            own.bind("admin", second, null);
            assertThat(own.put("/service-accounts/admin", json("active", false)).status()).isEqualTo(200);

            String secondToken = own.login(second);
            assertError(own.delete("/service-accounts/" + second, secondToken), 409, lastAdmin.formatted("delete", second));
            assertError(own.put("/service-accounts/" + second, secondToken, json("active", false)), 409,
                    lastAdmin.formatted("deactivate", second));
            assertThat(own.put("/service-accounts/admin", secondToken, json("active", true)).status()).isEqualTo(200);
            assertNoContent(own.delete("/service-accounts/" + second, secondToken));
        }
    }

    private Response createWithPassword(String user, String password) {
        return identity.post("/service-accounts", json("user", user, "pass", password));
    }

    private Response login(String user, String password) {
        return login(api(), user, password);
    }

    private static Response login(ApiClient server, String user, String password) {
        return server.postJson("/api/v0/auth/login", null, json("user", user, "pass", password));
    }
}
