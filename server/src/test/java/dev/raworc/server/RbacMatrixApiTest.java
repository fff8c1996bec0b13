package dev.raworc.server;

import static dev.raworc.server.RbacCaller.NOBODY;
import static dev.raworc.server.RbacCaller.SPACE_A;
import static dev.raworc.server.RbacFixture.expect;
import static dev.raworc.server.RbacRow.creates;
import static dev.raworc.server.RbacRow.deletes;
import static dev.raworc.server.RbacRow.describes;
import static dev.raworc.server.RbacRow.row;
import static dev.raworc.server.RbacRow.setsPasswordOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;
import dev.raworc.server.RbacTargets.Account;

/**
 * The RBAC matrix of spec §4 "Permissions": every endpoint, for every kind of caller, allowed or
 * refused as the spec says, and what a caller bound in one space may see of the others.
 * <p>
 * Built-in roles (spec §4): {@code admin} everything; {@code operator} sessions, messages, secrets
 * (with values) and get/list spaces; {@code viewer} get/list sessions, messages, spaces and secret
 * metadata. Service accounts, roles and role bindings are global resources: only a global binding
 * reaches them, so the custom role's rule on them, bound in space {@code a}, grants nothing. Any
 * authenticated caller may read {@code /auth/me} and change its own password (spec §3, §4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacMatrixApiTest extends ApiTest {

    /** The custom role bound to {@link RbacCaller#SPACE_A} in space {@code a} only. */
    private static final String SPACE_ROLE_RULES = """
            [{"api_groups":["api"],"resources":["spaces"],"verbs":["get","list","update"]},
             {"api_groups":["api"],"resources":["service-accounts","roles","role-bindings"],"verbs":["get","list"]}]""";

    private static final String NEW_ACCOUNT = "{\"user\":\"{unique}\",\"pass\":\"{password}\"}";
    private static final String NEW_ROLE = "{\"name\":\"{unique}\",\"rules\":[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\"]}]}";
    private static final String NEW_BINDING = "{\"role_name\":\"viewer\",\"principal\":\"{new-account}\",\"space\":\"{a}\"}";
    private static final String NEW_SPACE = "{\"name\":\"{unique}\"}";
    private static final String DESCRIPTION = "{\"description\":\"{unique}\"}";
    private static final String RESET_PASSWORD = "{\"new_password\":\"{new-password}\"}";
    private static final String OWN_PASSWORD = "{\"current_password\":\"{password}\",\"new_password\":\"{new-password}\"}";

    /**
     * Expected status per caller; without a token every row answers 401. 2xx rows must really have
     * their effect, refused rows must leave everything as it was.
     */
    static final List<RbacRow> MATRIX = List.of(
            //   method    path                                          body            ADMIN OPERATOR VIEWER SPACE_A NOBODY
            row("GET",    "/auth/me",                                    null,            200,  200,     200,   200,    200),

            row("GET",    "/service-accounts",                           null,            200,  403,     403,   403,    403),
            row("POST",   "/service-accounts",                           NEW_ACCOUNT,     201,  403,     403,   403,    403).then(creates("/service-accounts/{unique}")),
            row("GET",    "/service-accounts/{account}",                 null,            200,  403,     403,   403,    403),
            row("GET",    "/service-accounts/{me}",                      null,            200,  403,     403,   403,    403),
            row("PUT",    "/service-accounts/{account}",                 DESCRIPTION,     200,  403,     403,   403,    403).then(describes()),
            row("PUT",    "/service-accounts/{me}",                      DESCRIPTION,     200,  403,     403,   403,    403).then(describes()),
            row("DELETE", "/service-accounts/{new-account}",             null,            204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/roles",                                      null,            200,  403,     403,   403,    403),
            row("POST",   "/roles",                                      NEW_ROLE,        201,  403,     403,   403,    403).then(creates("/roles/{unique}")),
            row("GET",    "/roles/{role}",                               null,            200,  403,     403,   403,    403),
            row("GET",    "/roles/viewer",                               null,            200,  403,     403,   403,    403),
            row("DELETE", "/roles/{new-role}",                           null,            204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/role-bindings",                              null,            200,  403,     403,   403,    403),
            row("GET",    "/role-bindings?space={a}",                    null,            200,  403,     403,   403,    403),
            row("POST",   "/role-bindings",                              NEW_BINDING,     201,  403,     403,   403,    403).then(creates("/role-bindings?principal={new-account}")),
            row("GET",    "/role-bindings/{binding}",                    null,            200,  403,     403,   403,    403),
            row("DELETE", "/role-bindings/{new-binding}",                null,            204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/spaces",                                     null,            200,  200,     200,   200,    403),
            row("GET",    "/spaces?active=true",                         null,            200,  200,     200,   200,    403),
            row("POST",   "/spaces",                                     NEW_SPACE,       201,  403,     403,   403,    403).then(creates("/spaces/{unique}")),
            row("GET",    "/spaces/{a}",                                 null,            200,  200,     200,   200,    403),
            row("GET",    "/spaces/{b}",                                 null,            200,  200,     200,   403,    403),
            row("PUT",    "/spaces/{a}",                                 DESCRIPTION,     200,  403,     403,   200,    403).then(describes()),
            row("PUT",    "/spaces/{b}",                                 DESCRIPTION,     200,  403,     403,   403,    403).then(describes()),
            row("DELETE", "/spaces/{new-space}",                         null,            204,  403,     403,   403,    403).then(deletes()),

            // passwords: on throwaway accounts ({new-account}, or {me} for one's own), as a change revokes their tokens
            row("PUT",    "/service-accounts/{new-account}/password",    RESET_PASSWORD,  204,  403,     403,   403,    403).then(setsPasswordOf("{new-account}")),
            row("PUT",    "/service-accounts/{me}/password",             OWN_PASSWORD,    204,  204,     204,   204,    204).then(setsPasswordOf("{me}")));

    private RbacFixture fixture;
    private String spaceA;
    private String spaceB;
    private String spaceRole;
    private final Map<RbacCaller, Account> callers = new EnumMap<>(RbacCaller.class);
    private Map<String, String> shared;

    @BeforeAll
    void setUp() {
        fixture = new RbacFixture(api(), adminToken());
        spaceA = fixture.createSpace("a");
        spaceB = fixture.createSpace("b");
        spaceRole = fixture.createRole("space-a-role", SPACE_ROLE_RULES);
        for (RbacCaller caller : RbacCaller.values()) {
            callers.put(caller, newAccount(caller));
        }
        String account = fixture.createAccount("target");
        String binding = fixture.bind("viewer", account, spaceA);
        shared = Map.of("{a}", spaceA, "{b}", spaceB, "{account}", account, "{role}", spaceRole, "{binding}", binding);
        awaitProjections();
    }

    /** A new account with the caller's bindings, logged in (no token for an anonymous caller). */
    private Account newAccount(RbacCaller caller) {
        String user = fixture.createAccount(caller.name().toLowerCase().replace('_', '-'));
        switch (caller) {
            case ADMIN -> fixture.bind("admin", user, null);
            case OPERATOR -> fixture.bind("operator", user, null);
            case VIEWER -> fixture.bind("viewer", user, null);
            case SPACE_A -> fixture.bind(spaceRole, user, spaceA);
            case NOBODY, ANONYMOUS -> {
            }
        }
        awaitProjections();
        return new Account(user, caller == RbacCaller.ANONYMOUS ? null : fixture.login(user));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        return MATRIX.stream().flatMap(row -> Stream.of(RbacCaller.values()).map(caller -> {
            String name = String.format("%-9s %-6s %-42s -> %d", caller, row.method(), row.path(), row.expected(caller));
            return DynamicTest.dynamicTest(name, () -> {
                try {
                    check(row, caller);
                } catch (AssertionError e) {
                    // reports may show dynamic tests by index only: say which row failed
                    throw new AssertionError(name.replaceAll(" +", " ") + ": " + e.getMessage(), e);
                }
            });
        }));
    }

    private void check(RbacRow row, RbacCaller caller) {
        RbacTargets targets = new RbacTargets(fixture, shared, caller, this::newAccount);
        String path = targets.resolve(row.path());
        String body = row.body() == null ? null : targets.resolve(row.body());
        awaitProjections();

        Response response = fixture.call(row.method(), path, targets.token(callers.get(caller)), body);

        int expected = row.expected(caller);
        assertThat(response.status()).as("%s %s %s as %s answered %s", row.method(), path, body, caller, response.text())
                .isEqualTo(expected);
        if (expected >= 400) {
            assertRefused(response, expected);
        }
        awaitProjections();
        row.effect().verify(row, targets, expected < 400);
    }

    @Test
    void theSpaceAAccountListsAndCountsOnlySpaceA() {
        String token = callers.get(SPACE_A).token();
        String inactive = fixture.createSpace("inactive");
        expect(200, fixture.asAdmin("PUT", "/spaces/" + inactive, "{\"active\":false}"), "deactivate " + inactive);
        awaitProjections();
        // there is something to hide: the admin sees b and an inactive space besides a
        assertThat(names(fixture.asAdmin("GET", "/spaces?limit=1000", null))).contains(spaceA, spaceB, inactive);
        assertThat(names(fixture.asAdmin("GET", "/spaces?active=false&limit=1000", null))).contains(inactive);

        assertOnly(fixture.call("GET", "/spaces", token, null), spaceA);
        assertOnly(fixture.call("GET", "/spaces?active=true", token, null), spaceA);
        assertOnly(fixture.call("GET", "/spaces?active=false", token, null));
        Response secondPage = expect(200, fixture.call("GET", "/spaces?limit=1&offset=1", token, null), "second page");
        assertThat(names(secondPage)).isEmpty();
        assertThat(secondPage.header("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void theSpaceAAccountCannotReadOrChangeSpaceB() {
        String token = callers.get(SPACE_A).token();
        String before = fixture.description("/spaces/" + spaceB);

        assertRefused(fixture.call("GET", "/spaces/" + spaceB, token, null), 403);
        assertRefused(fixture.call("PUT", "/spaces/" + spaceB, token, "{\"description\":\"changed by space a\"}"), 403);
        assertRefused(fixture.call("PUT", "/spaces/" + spaceB, token, "{\"active\":false}"), 403);
        assertRefused(fixture.call("DELETE", "/spaces/" + spaceB, token, null), 403);

        awaitProjections();
        JsonNode b = expect(200, fixture.asAdmin("GET", "/spaces/" + spaceB, null), "admin GET b").json();
        assertThat(fixture.description("/spaces/" + spaceB)).isEqualTo(before);
        assertThat(b.get("active").asBoolean()).isTrue();
        // the same requests on a are the control: the account may read and update there
        expect(200, fixture.call("GET", "/spaces/" + spaceA, token, null), "space-a GET a");
        expect(200, fixture.call("PUT", "/spaces/" + spaceA, token, "{\"description\":\"changed by space a\"}"), "space-a PUT a");
    }

    @Test
    void anAccountWithoutBindingsIsRefusedEveryList() {
        List<String> lists = MATRIX.stream().filter(RbacRow::isList).map(RbacRow::path).toList();
        assertThat(lists).contains("/service-accounts", "/roles", "/role-bindings", "/spaces");
        String token = callers.get(NOBODY).token();

        for (String list : lists) {
            String paged = list + (list.contains("?") ? "&" : "?") + "limit=1&offset=0";
            for (String path : List.of(list, paged)) {
                Response response = fixture.call("GET", new RbacTargets(fixture, shared, NOBODY, this::newAccount).resolve(path), token, null);
                assertThat(response.status()).as("GET %s without bindings: %s", path, response.text()).isEqualTo(403);
                assertRefused(response, 403);
            }
        }
    }

    @Test
    void bindingsCreatedOrDeletedApplyToATokenAlreadyIssued() {
        String user = fixture.createAccount("rebound");
        String token = fixture.login(user);
        assertRefused(fixture.call("GET", "/spaces", token, null), 403);
        assertRefused(fixture.call("GET", "/spaces/" + spaceA, token, null), 403);
        assertRefused(fixture.call("PUT", "/spaces/" + spaceA, token, "{\"description\":\"rebound\"}"), 403);

        String inA = fixture.bind(spaceRole, user, spaceA);
        awaitProjections();
        assertOnly(fixture.call("GET", "/spaces", token, null), spaceA);
        expect(200, fixture.call("GET", "/spaces/" + spaceA, token, null), "GET a after binding in a");
        expect(200, fixture.call("PUT", "/spaces/" + spaceA, token, "{\"description\":\"rebound\"}"), "PUT a after binding in a");
        assertRefused(fixture.call("GET", "/spaces/" + spaceB, token, null), 403);
        assertThat(bindingsOf(token)).containsExactly(spaceRole + "@" + spaceA);

        String global = fixture.bind("viewer", user, null);
        awaitProjections();
        expect(200, fixture.call("GET", "/spaces/" + spaceB, token, null), "GET b after a global viewer binding");
        assertThat(names(fixture.call("GET", "/spaces?limit=1000", token, null))).contains(spaceA, spaceB);
        assertThat(bindingsOf(token)).containsExactlyInAnyOrder(spaceRole + "@" + spaceA, "viewer@null");

        fixture.unbind(global);
        awaitProjections();
        assertRefused(fixture.call("GET", "/spaces/" + spaceB, token, null), 403);
        assertOnly(fixture.call("GET", "/spaces", token, null), spaceA);

        fixture.unbind(inA);
        awaitProjections();
        assertRefused(fixture.call("GET", "/spaces", token, null), 403);
        assertRefused(fixture.call("GET", "/spaces/" + spaceA, token, null), 403);
        assertRefused(fixture.call("PUT", "/spaces/" + spaceA, token, "{\"description\":\"rebound\"}"), 403);
        assertThat(bindingsOf(token)).isEmpty();
    }

    @Test
    void deletingARoleTakesBackWhatItsBindingsGranted() {
        String role = fixture.createRole("doomed", "[{\"api_groups\":[\"api\"],\"resources\":[\"spaces\"],\"verbs\":[\"get\",\"list\"]}]");
        String user = fixture.createAccount("doomed-role-holder");
        fixture.bind(role, user, null);
        String token = fixture.login(user);
        awaitProjections();
        expect(200, fixture.call("GET", "/spaces/" + spaceB, token, null), "GET b through the role");

        expect(204, fixture.asAdmin("DELETE", "/roles/" + role, null), "delete role " + role);
        awaitProjections();

        assertRefused(fixture.call("GET", "/spaces/" + spaceB, token, null), 403);
        assertRefused(fixture.call("GET", "/spaces", token, null), 403);
        assertThat(bindingsOf(token)).isEmpty();
    }

    @Test
    void rulesMatchOnApiGroupVerbAndResourceNames() {
        // spaces named b only, everywhere: lists and counts b alone, reaches b and not a
        String onlyB = accountWithGlobalRole("[{\"api_groups\":[\"api\"],\"resources\":[\"spaces\"],"
                + "\"verbs\":[\"get\",\"list\"],\"resource_names\":[\"" + spaceB + "\"]}]");
        assertOnly(fixture.call("GET", "/spaces", onlyB, null), spaceB);
        assertOnly(fixture.call("GET", "/spaces?active=true", onlyB, null), spaceB);
        expect(200, fixture.call("GET", "/spaces/" + spaceB, onlyB, null), "GET b by name");
        assertRefused(fixture.call("GET", "/spaces/" + spaceA, onlyB, null), 403);

        // another API group grants nothing in ours
        String otherGroup = accountWithGlobalRole("[{\"api_groups\":[\"other\"],\"resources\":[\"*\"],\"verbs\":[\"*\"]}]");
        assertRefused(fixture.call("GET", "/spaces", otherGroup, null), 403);
        assertRefused(fixture.call("GET", "/spaces/" + spaceA, otherGroup, null), 403);

        // get without list: the space can be read, but no list at all
        String getOnly = accountWithGlobalRole("[{\"api_groups\":[\"api\"],\"resources\":[\"spaces\"],\"verbs\":[\"get\"]}]");
        expect(200, fixture.call("GET", "/spaces/" + spaceA, getOnly, null), "GET a with get only");
        assertRefused(fixture.call("GET", "/spaces", getOnly, null), 403);
        assertRefused(fixture.call("PUT", "/spaces/" + spaceA, getOnly, "{\"description\":\"get only\"}"), 403);
    }

    /** The token of a new account bound globally to a new role with these rules. */
    private String accountWithGlobalRole(String rulesJson) {
        String role = fixture.createRole("rules", rulesJson);
        String user = fixture.createAccount("rules-holder");
        fixture.bind(role, user, null);
        awaitProjections();
        return fixture.login(user);
    }

    /** A refusal: the status and the envelope code that goes with it, with a message. */
    private static void assertRefused(Response response, int status) {
        assertThat(response.status()).as("status of %s", response.text()).isEqualTo(status);
        String code = switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 422 -> "VALIDATION_ERROR";
            default -> throw new IllegalArgumentException("no envelope code for " + status);
        };
        JsonNode error = response.json().get("error");
        assertThat(error).as("error envelope of %s", response.text()).isNotNull();
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
    }

    /** A 200 list of exactly these spaces, counted as exactly these. */
    private static void assertOnly(Response list, String... spaces) {
        expect(200, list, "list");
        assertThat(names(list)).containsExactly(spaces);
        assertThat(list.header("X-Total-Count")).isEqualTo(String.valueOf(spaces.length));
    }

    private static List<String> names(Response list) {
        expect(200, list, "list");
        List<String> names = new ArrayList<>();
        for (JsonNode item : list.json()) {
            names.add(item.get("name").asString());
        }
        return names;
    }

    /** The bindings {@code /auth/me} shows for a token, as {@code role@space}. */
    private List<String> bindingsOf(String token) {
        List<String> bindings = new ArrayList<>();
        for (JsonNode binding : expect(200, fixture.call("GET", "/auth/me", token, null), "auth/me").json().get("bindings")) {
            bindings.add(binding.get("role").asString() + "@" + (binding.get("space").isNull() ? "null" : binding.get("space").asString()));
        }
        return bindings;
    }
}
