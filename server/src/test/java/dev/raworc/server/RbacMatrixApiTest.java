package dev.raworc.server;

import static dev.raworc.server.RbacCaller.NOBODY;
import static dev.raworc.server.RbacCaller.SPACE_A;
import static dev.raworc.server.RbacFixture.expect;
import static dev.raworc.server.RbacRow.clearsMessages;
import static dev.raworc.server.RbacRow.creates;
import static dev.raworc.server.RbacRow.createsWebhook;
import static dev.raworc.server.RbacRow.deletes;
import static dev.raworc.server.RbacRow.deletesFile;
import static dev.raworc.server.RbacRow.describes;
import static dev.raworc.server.RbacRow.leavesSessionIn;
import static dev.raworc.server.RbacRow.postsMessage;
import static dev.raworc.server.RbacRow.replays;
import static dev.raworc.server.RbacRow.row;
import static dev.raworc.server.RbacRow.setsMetadata;
import static dev.raworc.server.RbacRow.setsPasswordOf;
import static dev.raworc.server.RbacRow.setsWebhookUrl;
import static dev.raworc.server.RbacRow.writesFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
 * Built-in roles (spec §4, docs/api.md): {@code admin} everything; {@code operator} sessions (with
 * their files), messages, secrets (with values) and get/list spaces and webhooks (with their
 * deliveries); {@code viewer} get/list sessions, messages, spaces and secret metadata, and
 * read-files on sessions, but nothing of webhooks. Service accounts, roles and role bindings are global resources: only a global binding
 * reaches them, so the custom role's rule on them, bound in space {@code a}, grants nothing. Any
 * authenticated caller may read {@code /auth/me} and change its own password (spec §3, §4).
 * <p>
 * The custom role, bound in space {@code a}, grants there: get/list/update on the space;
 * get/list/create/update/audit/read-files/write-files on sessions (not delete, not update-state); get/list/create on
 * messages (so no AGENT messages, which need update-state, docs/api.md); get/list/create on
 * secrets (no update, delete or read-values); get/list/create/update/delete on webhooks (replay is
 * update, deliveries are get). Nothing of it reaches space {@code b}, nor a global webhook, which
 * only a global binding reaches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacMatrixApiTest extends ApiTest {

    /** The custom role bound to {@link RbacCaller#SPACE_A} in space {@code a} only. */
    private static final String SPACE_ROLE_RULES = """
            [{"api_groups":["api"],"resources":["spaces"],"verbs":["get","list","update"]},
             {"api_groups":["api"],"resources":["service-accounts","roles","role-bindings"],"verbs":["get","list"]},
             {"api_groups":["api"],"resources":["sessions"],"verbs":["get","list","create","update","audit","read-files","write-files"]},
             {"api_groups":["api"],"resources":["messages"],"verbs":["get","list","create"]},
             {"api_groups":["api"],"resources":["secrets"],"verbs":["get","list","create"]},
             {"api_groups":["api"],"resources":["webhooks"],"verbs":["get","list","create","update","delete"]}]""";

    private static final String NEW_ACCOUNT = "{\"user\":\"{unique}\",\"pass\":\"{password}\"}";
    private static final String NEW_ROLE = "{\"name\":\"{unique}\",\"rules\":[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\"],\"verbs\":[\"get\"]}]}";
    private static final String NEW_BINDING = "{\"role_name\":\"viewer\",\"principal\":\"{new-account}\",\"space\":\"{a}\"}";
    private static final String NEW_SPACE = "{\"name\":\"{unique}\"}";
    private static final String DESCRIPTION = "{\"description\":\"{unique}\"}";
    private static final String RESET_PASSWORD = "{\"new_password\":\"{new-password}\"}";
    private static final String OWN_PASSWORD = "{\"current_password\":\"{password}\",\"new_password\":\"{new-password}\"}";
    private static final String NEW_SECRET = "{\"key\":\"{unique-key}\",\"value\":\"" + RbacFixture.SECRET_VALUE + "\",\"description\":\"rbac\"}";
    private static final String NEW_SESSION = "{\"name\":\"{unique}\"}";
    private static final String NEW_SESSION_A = "{\"name\":\"{unique}\",\"space\":\"{a}\"}";
    private static final String NEW_SESSION_B = "{\"name\":\"{unique}\",\"space\":\"{b}\"}";
    private static final String METADATA = "{\"metadata\":{\"note\":\"{unique}\"}}";
    private static final String TO_IDLE = "{\"state\":\"idle\"}";
    private static final String REMIX = "{\"name\":\"{unique}\"}";
    private static final String USER_MESSAGE = "{\"content\":\"{unique}\"}";
    private static final String AGENT_MESSAGE = "{\"role\":\"agent\",\"content\":\"{unique}\"}";
    private static final String FILE_CONTENT = "{\"note\":\"{unique}\"}";
    private static final String WEBHOOK_URL = "\"url\":\"" + RbacFixture.UNIQUE_WEBHOOK_URL + "\"";
    private static final String NEW_WEBHOOK = "{" + WEBHOOK_URL + "}";
    private static final String NEW_WEBHOOK_A = "{" + WEBHOOK_URL + ",\"space\":\"{a}\"}";
    private static final String NEW_WEBHOOK_B = "{" + WEBHOOK_URL + ",\"space\":\"{b}\"}";
    private static final String WEBHOOK_CHANGE = "{" + WEBHOOK_URL + "}";

    /**
     * Expected status per caller; without a token every row answers 401. 2xx rows must really have
     * their effect, refused rows must leave everything as it was.
     */
    static final List<RbacRow> MATRIX = List.of(
            //   method    path                                                   body             ADMIN OPERATOR VIEWER SPACE_A NOBODY
            row("GET",    "/auth/me",                                            null,             200,  200,     200,   200,    200),

            row("GET",    "/service-accounts",                                   null,             200,  403,     403,   403,    403),
            row("POST",   "/service-accounts",                                   NEW_ACCOUNT,      201,  403,     403,   403,    403).then(creates("/service-accounts/{unique}")),
            row("GET",    "/service-accounts/{account}",                         null,             200,  403,     403,   403,    403),
            row("GET",    "/service-accounts/{me}",                              null,             200,  403,     403,   403,    403),
            row("PUT",    "/service-accounts/{account}",                         DESCRIPTION,      200,  403,     403,   403,    403).then(describes()),
            row("PUT",    "/service-accounts/{me}",                              DESCRIPTION,      200,  403,     403,   403,    403).then(describes()),
            row("DELETE", "/service-accounts/{new-account}",                     null,             204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/roles",                                              null,             200,  403,     403,   403,    403),
            row("POST",   "/roles",                                              NEW_ROLE,         201,  403,     403,   403,    403).then(creates("/roles/{unique}")),
            row("GET",    "/roles/{role}",                                       null,             200,  403,     403,   403,    403),
            row("GET",    "/roles/viewer",                                       null,             200,  403,     403,   403,    403),
            row("DELETE", "/roles/{new-role}",                                   null,             204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/role-bindings",                                      null,             200,  403,     403,   403,    403),
            row("GET",    "/role-bindings?space={a}",                            null,             200,  403,     403,   403,    403),
            row("POST",   "/role-bindings",                                      NEW_BINDING,      201,  403,     403,   403,    403).then(creates("/role-bindings?principal={new-account}")),
            row("GET",    "/role-bindings/{binding}",                            null,             200,  403,     403,   403,    403),
            row("DELETE", "/role-bindings/{new-binding}",                        null,             204,  403,     403,   403,    403).then(deletes()),

            row("GET",    "/spaces",                                             null,             200,  200,     200,   200,    403),
            row("GET",    "/spaces?active=true",                                 null,             200,  200,     200,   200,    403),
            row("POST",   "/spaces",                                             NEW_SPACE,        201,  403,     403,   403,    403).then(creates("/spaces/{unique}")),
            row("GET",    "/spaces/{a}",                                         null,             200,  200,     200,   200,    403),
            row("GET",    "/spaces/{b}",                                         null,             200,  200,     200,   403,    403),
            row("PUT",    "/spaces/{a}",                                         DESCRIPTION,      200,  403,     403,   200,    403).then(describes()),
            row("PUT",    "/spaces/{b}",                                         DESCRIPTION,      200,  403,     403,   403,    403).then(describes()),
            row("DELETE", "/spaces/{new-space}",                                 null,             204,  403,     403,   403,    403).then(deletes()),

            // passwords: on throwaway accounts ({new-account}, or {me} for one's own), as a change revokes their tokens
            row("PUT",    "/service-accounts/{new-account}/password",            RESET_PASSWORD,   204,  403,     403,   403,    403).then(setsPasswordOf("{new-account}")),
            row("PUT",    "/service-accounts/{me}/password",                     OWN_PASSWORD,     204,  204,     204,   204,    204).then(setsPasswordOf("{me}")),

            // secrets, in both path forms; the space-a role may get, list and create them in a (not update, delete or read values)
            row("GET",    "/secrets",                                            null,             200,  200,     200,   403,    403),
            row("GET",    "/spaces/{a}/secrets",                                 null,             200,  200,     200,   200,    403),
            row("GET",    "/spaces/{a}/secrets?show_values=true",                null,             200,  200,     403,   403,    403),
            row("POST",   "/spaces/{a}/secrets",                                 NEW_SECRET,       201,  201,     403,   201,    403).then(creates("/spaces/{a}/secrets/{unique-key}")),
            row("GET",    "/secrets?space={a}",                                  null,             200,  200,     200,   200,    403),
            row("GET",    "/secrets?space={a}&show_values=true",                 null,             200,  200,     403,   403,    403),
            row("POST",   "/secrets?space={a}",                                  NEW_SECRET,       201,  201,     403,   201,    403).then(creates("/secrets/{unique-key}?space={a}")),
            row("GET",    "/spaces/{a}/secrets/{secret-a}",                      null,             200,  200,     200,   200,    403),
            row("GET",    "/spaces/{a}/secrets/{secret-a}?show_values=true",     null,             200,  200,     403,   403,    403),
            row("PUT",    "/spaces/{a}/secrets/{secret-a}",                      DESCRIPTION,      200,  200,     403,   403,    403).then(describes()),
            row("GET",    "/secrets/{secret-a}?space={a}",                       null,             200,  200,     200,   200,    403),
            row("GET",    "/secrets/{secret-a}?space={a}&show_values=true",      null,             200,  200,     403,   403,    403),
            row("PUT",    "/secrets/{secret-a}?space={a}",                       DESCRIPTION,      200,  200,     403,   403,    403).then(describes()),
            row("DELETE", "/spaces/{a}/secrets/{new-secret-a}",                  null,             204,  204,     403,   403,    403).then(deletes()),
            row("DELETE", "/secrets/{new-secret-a}?space={a}",                   null,             204,  204,     403,   403,    403).then(deletes()),
            row("GET",    "/spaces/{b}/secrets",                                 null,             200,  200,     200,   403,    403),
            row("GET",    "/spaces/{b}/secrets?show_values=true",                null,             200,  200,     403,   403,    403),
            row("POST",   "/spaces/{b}/secrets",                                 NEW_SECRET,       201,  201,     403,   403,    403).then(creates("/spaces/{b}/secrets/{unique-key}")),
            row("GET",    "/secrets?space={b}",                                  null,             200,  200,     200,   403,    403),
            row("GET",    "/secrets?space={b}&show_values=true",                 null,             200,  200,     403,   403,    403),
            row("POST",   "/secrets?space={b}",                                  NEW_SECRET,       201,  201,     403,   403,    403).then(creates("/secrets/{unique-key}?space={b}")),
            row("GET",    "/spaces/{b}/secrets/{secret-b}",                      null,             200,  200,     200,   403,    403),
            row("GET",    "/spaces/{b}/secrets/{secret-b}?show_values=true",     null,             200,  200,     403,   403,    403),
            row("PUT",    "/spaces/{b}/secrets/{secret-b}",                      DESCRIPTION,      200,  200,     403,   403,    403).then(describes()),
            row("GET",    "/secrets/{secret-b}?space={b}",                       null,             200,  200,     200,   403,    403),
            row("GET",    "/secrets/{secret-b}?space={b}&show_values=true",      null,             200,  200,     403,   403,    403),
            row("PUT",    "/secrets/{secret-b}?space={b}",                       DESCRIPTION,      200,  200,     403,   403,    403).then(describes()),
            row("DELETE", "/spaces/{b}/secrets/{new-secret-b}",                  null,             204,  204,     403,   403,    403).then(deletes()),
            row("DELETE", "/secrets/{new-secret-b}?space={b}",                   null,             204,  204,     403,   403,    403).then(deletes()),

            // sessions: the space-a role may get, list, create, update and audit them in a (not delete, nor update-state)
            row("GET",    "/sessions",                                           null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions?space={a}",                                 null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions?space={b}",                                 null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions?workspace_name={b}",                        null,             200,  200,     200,   200,    403),
            row("POST",   "/sessions",                                           NEW_SESSION,      201,  201,     403,   403,    403).then(creates("/sessions/{unique}")),
            row("POST",   "/sessions",                                           NEW_SESSION_A,    201,  201,     403,   201,    403).then(creates("/sessions/{unique}")),
            row("POST",   "/sessions",                                           NEW_SESSION_B,    201,  201,     403,   403,    403).then(creates("/sessions/{unique}")),
            row("GET",    "/sessions/{session-a}",                               null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions/{session-a}?as_of={now}",                   null,             200,  200,     200,   200,    403),
            row("PUT",    "/sessions/{session-a}",                               METADATA,         200,  200,     403,   200,    403).then(setsMetadata()),
            row("PUT",    "/sessions/{new-session-a}/state",                     TO_IDLE,          200,  403,     403,   403,    403).then(leavesSessionIn("idle", "init")),
            row("POST",   "/sessions/{new-session-a}/close",                     null,             200,  200,     403,   200,    403).then(leavesSessionIn("closed", "init")),
            row("POST",   "/sessions/{closed-session-a}/restore",                null,             200,  200,     403,   200,    403).then(leavesSessionIn("init", "closed")),
            row("POST",   "/sessions/{session-a}/remix",                         REMIX,            201,  201,     403,   201,    403).then(creates("/sessions/{unique}")),
            row("GET",    "/sessions/{session-a}/events",                        null,             200,  200,     403,   200,    403),
            row("DELETE", "/sessions/{new-session-a}",                           null,             204,  204,     403,   403,    403).then(deletes()),
            row("GET",    "/sessions/{session-b}",                               null,             200,  200,     200,   403,    403),
            row("GET",    "/sessions/{session-b}?as_of={now}",                   null,             200,  200,     200,   403,    403),
            row("PUT",    "/sessions/{session-b}",                               METADATA,         200,  200,     403,   403,    403).then(setsMetadata()),
            row("PUT",    "/sessions/{new-session-b}/state",                     TO_IDLE,          200,  403,     403,   403,    403).then(leavesSessionIn("idle", "init")),
            row("POST",   "/sessions/{new-session-b}/close",                     null,             200,  200,     403,   403,    403).then(leavesSessionIn("closed", "init")),
            row("POST",   "/sessions/{closed-session-b}/restore",                null,             200,  200,     403,   403,    403).then(leavesSessionIn("init", "closed")),
            row("POST",   "/sessions/{session-b}/remix",                         REMIX,            201,  201,     403,   403,    403).then(creates("/sessions/{unique}")),
            row("GET",    "/sessions/{session-b}/events",                        null,             200,  200,     403,   403,    403),
            row("DELETE", "/sessions/{new-session-b}",                           null,             204,  204,     403,   403,    403).then(deletes()),

            // messages: the space-a role may list and post them in a (not clear them); AGENT messages need update-state (docs/api.md)
            row("GET",    "/sessions/{session-a}/messages",                      null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions/{session-a}/messages/count",                null,             200,  200,     200,   200,    403),
            row("POST",   "/sessions/{session-a}/messages",                      USER_MESSAGE,     201,  201,     403,   201,    403).then(postsMessage()),
            row("POST",   "/sessions/{session-a}/messages",                      AGENT_MESSAGE,    201,  403,     403,   403,    403).then(postsMessage()),
            row("DELETE", "/sessions/{new-session-a}/messages",                  null,             204,  204,     403,   403,    403).then(clearsMessages()),
            row("GET",    "/sessions/{session-b}/messages",                      null,             200,  200,     200,   403,    403),
            row("GET",    "/sessions/{session-b}/messages/count",                null,             200,  200,     200,   403,    403),
            row("POST",   "/sessions/{session-b}/messages",                      USER_MESSAGE,     201,  201,     403,   403,    403).then(postsMessage()),
            row("POST",   "/sessions/{session-b}/messages",                      AGENT_MESSAGE,    201,  403,     403,   403,    403).then(postsMessage()),
            row("DELETE", "/sessions/{new-session-b}/messages",                  null,             204,  204,     403,   403,    403).then(clearsMessages()),

            // files: read-files lists, downloads and shows checkpoints (every role with it, in its spaces)
            row("GET",    "/sessions/{file-session-a}/files",                    null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions/{file-session-a}/files/f.txt",              null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions/{session-a}/checkpoints",                   null,             200,  200,     200,   200,    403),
            row("GET",    "/sessions/{file-session-b}/files",                    null,             200,  200,     200,   403,    403),
            row("GET",    "/sessions/{file-session-b}/files/f.txt",              null,             200,  200,     200,   403,    403),
            row("GET",    "/sessions/{session-b}/checkpoints",                   null,             200,  200,     200,   403,    403),
            // files: write-files uploads and deletes (operator and the space-a role in a; not the viewer)
            row("PUT",    "/sessions/{session-a}/files/{unique}.json",           FILE_CONTENT,     201,  201,     403,   201,    403).then(writesFile()),
            row("DELETE", "/sessions/{file-session-a}/files/f.txt",              null,             204,  204,     403,   204,    403).then(deletesFile()),
            row("PUT",    "/sessions/{session-b}/files/{unique}.json",           FILE_CONTENT,     201,  201,     403,   403,    403).then(writesFile()),
            row("DELETE", "/sessions/{file-session-b}/files/f.txt",              null,             204,  204,     403,   403,    403).then(deletesFile()),

            // webhooks: the operator gets and lists them; the space-a role does everything to those of a, nothing to
            // those of b, and only a global binding reaches a global webhook (docs/api.md)
            row("GET",    "/webhooks",                                           null,             200,  200,     403,   200,    403),
            row("POST",   "/webhooks",                                           NEW_WEBHOOK,      201,  403,     403,   403,    403).then(createsWebhook()),
            row("POST",   "/webhooks",                                           NEW_WEBHOOK_A,    201,  403,     403,   201,    403).then(createsWebhook()),
            row("POST",   "/webhooks",                                           NEW_WEBHOOK_B,    201,  403,     403,   403,    403).then(createsWebhook()),
            row("GET",    "/webhooks/{webhook-a}",                               null,             200,  200,     403,   200,    403),
            row("GET",    "/webhooks/{webhook-a}/deliveries",                    null,             200,  200,     403,   200,    403),
            row("PUT",    "/webhooks/{webhook-a}",                               WEBHOOK_CHANGE,   200,  403,     403,   200,    403).then(setsWebhookUrl()),
            row("POST",   "/webhooks/{new-webhook-a}/replay?from=0",             null,             200,  403,     403,   200,    403).then(replays("{a}")),
            row("DELETE", "/webhooks/{new-webhook-a}",                           null,             204,  403,     403,   204,    403).then(deletes()),
            row("GET",    "/webhooks/{webhook-b}",                               null,             200,  200,     403,   403,    403),
            row("GET",    "/webhooks/{webhook-b}/deliveries",                    null,             200,  200,     403,   403,    403),
            row("PUT",    "/webhooks/{webhook-b}",                               WEBHOOK_CHANGE,   200,  403,     403,   403,    403).then(setsWebhookUrl()),
            row("POST",   "/webhooks/{new-webhook-b}/replay?from=0",             null,             200,  403,     403,   403,    403).then(replays("{b}")),
            row("DELETE", "/webhooks/{new-webhook-b}",                           null,             204,  403,     403,   403,    403).then(deletes()),
            row("GET",    "/webhooks/{webhook-global}",                          null,             200,  200,     403,   403,    403),
            row("GET",    "/webhooks/{webhook-global}/deliveries",               null,             200,  200,     403,   403,    403),
            row("PUT",    "/webhooks/{webhook-global}",                          WEBHOOK_CHANGE,   200,  403,     403,   403,    403).then(setsWebhookUrl()),
            row("POST",   "/webhooks/{new-webhook-global}/replay?from=0",        null,             200,  403,     403,   403,    403).then(replays("{a}")),
            row("DELETE", "/webhooks/{new-webhook-global}",                      null,             204,  403,     403,   403,    403).then(deletes()));

    private RbacFixture fixture;
    private String spaceA;
    private String spaceB;
    private String spaceRole;
    private String sessionA;
    private String sessionB;
    private String secretA;
    private String secretB;
    private String webhookA;
    private String webhookB;
    private String webhookGlobal;
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
        sessionA = fixture.createSession(spaceA);
        sessionB = fixture.createSession(spaceB);
        secretA = fixture.createSecret(spaceA);
        secretB = fixture.createSecret(spaceB);
        webhookA = fixture.createWebhook(spaceA);
        webhookB = fixture.createWebhook(spaceB);
        webhookGlobal = fixture.createWebhook(null);
        shared = Map.ofEntries(Map.entry("{a}", spaceA), Map.entry("{b}", spaceB), Map.entry("{account}", account),
                Map.entry("{role}", spaceRole), Map.entry("{binding}", binding),
                Map.entry("{session-a}", sessionA), Map.entry("{session-b}", sessionB),
                Map.entry("{secret-a}", secretA), Map.entry("{secret-b}", secretB),
                Map.entry("{webhook-a}", webhookA), Map.entry("{webhook-b}", webhookB),
                Map.entry("{webhook-global}", webhookGlobal));
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
            String name = String.format("%-9s %-6s %-50s -> %d", caller, row.method(), row.path(), row.expected(caller));
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
    void theSpaceAAccountListsAndCountsOnlySessionsOfA() {
        String token = callers.get(SPACE_A).token();
        String nameB = fixture.read("/sessions/" + sessionB).get("name").asString();
        expect(201, fixture.asAdmin("POST", "/sessions/" + sessionB + "/remix", null), "remix a session of b");
        awaitProjections();
        // there is something to hide: the admin sees sessions in a and in b
        List<String> inA = ids(fixture.asAdmin("GET", "/sessions?space=" + spaceA + "&limit=1000", null));
        List<String> initInA = ids(fixture.asAdmin("GET", "/sessions?space=" + spaceA + "&state=init&limit=1000", null));
        assertThat(inA).contains(sessionA);
        assertThat(ids(fixture.asAdmin("GET", "/sessions?space=" + spaceB + "&limit=1000", null))).contains(sessionB);

        // every list of the account holds the sessions of a, all of them, and counts them alone
        assertIds(fixture.call("GET", "/sessions?limit=1000", token, null), inA);
        assertIds(fixture.call("GET", "/sessions?space=" + spaceA + "&limit=1000", token, null), inA);
        assertIds(fixture.call("GET", "/sessions?workspace_name=" + spaceA + "&limit=1000", token, null), inA);
        assertIds(fixture.call("GET", "/sessions?state=init&limit=1000", token, null), initInA);
        Response counted = expect(200, fixture.call("GET", "/sessions?limit=0", token, null), "count with limit=0");
        assertThat(counted.json()).isEmpty();
        assertThat(counted.header("X-Total-Count")).isEqualTo(String.valueOf(inA.size()));

        // filters that name b find and count nothing: an empty list, not a refusal, as the account may
        // list sessions (in a), and a list shows only what the caller may list (spec §4, docs/api.md)
        for (String filter : List.of("space=" + spaceB, "workspace_name=" + spaceB, "name=" + nameB,
                "parent_session_id=" + sessionB, "space=" + spaceB + "&state=init")) {
            assertThat(ids(fixture.asAdmin("GET", "/sessions?" + filter + "&limit=1000", null))).as("admin, %s", filter).isNotEmpty();
            assertIds(fixture.call("GET", "/sessions?" + filter, token, null), List.of());
            assertIds(fixture.call("GET", "/sessions?" + filter + "&limit=0", token, null), List.of());
        }

        // the messages of a session of b are neither listed nor counted, by id or by name
        for (String session : List.of(sessionB, nameB)) {
            String messages = "/sessions/" + session + "/messages";
            for (String path : List.of(messages, messages + "?limit=0", messages + "?after_seq=0", messages + "?role=user",
                    messages + "?after_seq=1000&wait=1", messages + "/count", messages + "/count?role=user")) {
                assertRefused(fixture.call("GET", path, token, null), 403);
            }
        }
        // those of a are the control
        JsonNode countInA = expect(200, fixture.call("GET", "/sessions/" + sessionA + "/messages/count", token, null), "count in a").json();
        assertThat(countInA.get("session_id").asString()).isEqualTo(sessionA);
        assertThat(countInA.get("count").asLong()).isEqualTo(fixture.messageCount("/sessions/" + sessionA)).isPositive();
        Response messagesInA = expect(200, fixture.call("GET", "/sessions/" + sessionA + "/messages?limit=1000", token, null), "list in a");
        assertThat(messagesInA.header("X-Total-Count")).isEqualTo(String.valueOf(countInA.get("count").asLong()));
    }

    @Test
    void theSpaceAAccountCannotListCountOrReadSecretsOfB() {
        String token = callers.get(SPACE_A).token();
        awaitProjections();
        assertThat(keys(fixture.asAdmin("GET", "/spaces/" + spaceB + "/secrets?limit=1000", null))).contains(secretB);

        String listB = "/spaces/" + spaceB + "/secrets";
        String shortListB = "/secrets?space=" + spaceB;
        String secret = "/spaces/" + spaceB + "/secrets/" + secretB;
        String shortSecret = "/secrets/" + secretB + "?space=" + spaceB;
        for (String path : List.of(listB, listB + "?limit=0", listB + "?limit=1&offset=0", listB + "?show_values=true",
                shortListB, shortListB + "&limit=0", shortListB + "&show_values=true",
                secret, secret + "?show_values=true", shortSecret, shortSecret + "&show_values=true")) {
            assertRefused(fixture.call("GET", path, token, null), 403);
        }

        // the secrets of a: listed and counted as the admin sees them, in either form, without values
        List<String> inA = keys(fixture.asAdmin("GET", "/spaces/" + spaceA + "/secrets?limit=1000", null));
        assertThat(inA).contains(secretA);
        for (String path : List.of("/spaces/" + spaceA + "/secrets?limit=1000", "/secrets?space=" + spaceA + "&limit=1000")) {
            Response list = expect(200, fixture.call("GET", path, token, null), "space-a GET " + path);
            assertThat(keys(list)).as(path).containsExactlyElementsOf(inA);
            assertThat(list.header("X-Total-Count")).as(path).isEqualTo(String.valueOf(inA.size()));
            for (JsonNode item : list.json()) {
                assertThat(item.get("space").asString()).isEqualTo(spaceA);
                assertThat(item.has("value")).as("value field in %s", item).isFalse();
            }
        }
        assertRefused(fixture.call("GET", "/spaces/" + spaceA + "/secrets?show_values=true", token, null), 403);
    }

    @Test
    void theSpaceAAccountCannotChangeSessionsMessagesOrSecretsOfB() {
        String token = callers.get(SPACE_A).token();
        String session = fixture.createSession(spaceB);
        String key = fixture.createSecret(spaceB);
        awaitProjections();
        String s = "/sessions/" + session;
        JsonNode sessionBefore = fixture.read(s);
        String name = sessionBefore.get("name").asString();
        String eventsBefore = fixture.asAdmin("GET", s + "/events?limit=0", null).header("X-Total-Count");
        String sessionsInB = fixture.asAdmin("GET", "/sessions?space=" + spaceB + "&limit=0", null).header("X-Total-Count");
        String secretPath = "/spaces/" + spaceB + "/secrets/" + key;
        JsonNode secretBefore = fixture.read(secretPath);
        String secretsInB = fixture.asAdmin("GET", "/spaces/" + spaceB + "/secrets?limit=0", null).header("X-Total-Count");
        String remixName = fixture.unique("remix-by-a");
        String createdName = fixture.unique("created-by-a");
        String newKey = fixture.uniqueKey();
        String newSecret = "{\"key\":\"" + newKey + "\",\"value\":\"by-a\"}";
        String changedSecret = "{\"value\":\"changed-by-a\",\"description\":\"changed by a\"}";

        // not even read, by id or by name
        for (String path : List.of(s, "/sessions/" + name, s + "?as_of=" + Instant.now(), s + "/events")) {
            assertRefused(fixture.call("GET", path, token, null), 403);
        }
        List<String[]> attempts = List.of(
                new String[] {"PUT", s, "{\"name\":\"" + fixture.unique("renamed-by-a") + "\",\"metadata\":{\"note\":\"a\"}}"},
                new String[] {"PUT", "/sessions/" + name, "{\"metadata\":{\"note\":\"a\"}}"},
                new String[] {"PUT", s + "/state", "{\"state\":\"idle\"}"},
                new String[] {"POST", s + "/close", null},
                new String[] {"POST", s + "/restore", null},
                new String[] {"POST", s + "/remix", "{\"name\":\"" + remixName + "\"}"},
                new String[] {"POST", s + "/messages", "{\"content\":\"from a\"}"},
                new String[] {"POST", s + "/messages", "{\"role\":\"system\",\"content\":\"from a\"}"},
                new String[] {"POST", s + "/messages", "{\"role\":\"agent\",\"content\":\"from a\"}"},
                new String[] {"DELETE", s + "/messages", null},
                new String[] {"DELETE", s, null},
                new String[] {"DELETE", "/sessions/" + name, null},
                new String[] {"POST", "/sessions", "{\"name\":\"" + createdName + "\",\"space\":\"" + spaceB + "\"}"},
                new String[] {"POST", "/spaces/" + spaceB + "/secrets", newSecret},
                new String[] {"POST", "/secrets?space=" + spaceB, newSecret},
                new String[] {"PUT", secretPath, changedSecret},
                new String[] {"PUT", "/secrets/" + key + "?space=" + spaceB, changedSecret},
                new String[] {"DELETE", secretPath, null},
                new String[] {"DELETE", "/secrets/" + key + "?space=" + spaceB, null});
        for (String[] attempt : attempts) {
            Response response = fixture.call(attempt[0], attempt[1], token, attempt[2]);
            assertThat(response.status()).as("%s %s as the space-a account: %s", attempt[0], attempt[1], response.text()).isEqualTo(403);
            assertRefused(response, 403);
        }

        awaitProjections();
        assertThat(fixture.read(s)).as("the session of b").isEqualTo(sessionBefore);
        assertThat(fixture.asAdmin("GET", s + "/events?limit=0", null).header("X-Total-Count")).as("its events").isEqualTo(eventsBefore);
        assertThat(fixture.messageCount(s)).as("its messages").isEqualTo(1);
        assertThat(fixture.asAdmin("GET", "/sessions?space=" + spaceB + "&limit=0", null).header("X-Total-Count"))
                .as("sessions in b").isEqualTo(sessionsInB);
        assertThat(fixture.adminSees("/sessions/" + remixName)).as("remix").isFalse();
        assertThat(fixture.adminSees("/sessions/" + createdName)).as("created session").isFalse();
        assertThat(fixture.read(secretPath)).as("the secret of b").isEqualTo(secretBefore);
        assertThat(fixture.read(secretPath + "?show_values=true").get("value").asString()).isEqualTo(RbacFixture.SECRET_VALUE);
        assertThat(fixture.asAdmin("GET", "/spaces/" + spaceB + "/secrets?limit=0", null).header("X-Total-Count"))
                .as("secrets in b").isEqualTo(secretsInB);
        assertThat(fixture.adminSees("/spaces/" + spaceB + "/secrets/" + newKey)).as("created secret").isFalse();

        // the control: the account may change a session of a, and create a secret there
        String inA = "/sessions/" + fixture.createSession(spaceA);
        awaitProjections();
        expect(200, fixture.call("PUT", inA, token, "{\"metadata\":{\"note\":\"a\"}}"), "space-a PUT a session of a");
        expect(201, fixture.call("POST", inA + "/messages", token, "{\"content\":\"from a\"}"), "space-a posts in a");
        expect(200, fixture.call("POST", inA + "/close", token, null), "space-a closes a session of a");
        expect(201, fixture.call("POST", "/spaces/" + spaceA + "/secrets", token, newSecret), "space-a creates a secret in a");
    }

    @Test
    void theSpaceAAccountListsOnlyWebhooksOfAAndOnlyItsCreateShowsASecret() {
        String token = callers.get(SPACE_A).token();
        Response created = expect(201, fixture.call("POST", "/webhooks", token,
                "{\"url\":\"" + RbacFixture.WEBHOOK_URL + "\",\"space\":\"" + spaceA + "\"}"), "space-a creates a webhook in a");
        assertThat(created.json().get("secret").asString()).startsWith("whsec_");
        String own = "/webhooks/" + created.json().get("id").asString();
        awaitProjections();
        // there is something to hide: the admin sees webhooks of a, of b and global ones
        Response all = fixture.asAdmin("GET", "/webhooks?limit=1000", null);
        assertThat(ids(all)).contains(webhookA, webhookB, webhookGlobal);
        List<String> inA = all.json().valueStream().filter(webhook -> spaceA.equals(webhook.get("space").asString(null)))
                .map(webhook -> webhook.get("id").asString()).toList();
        assertThat(inA).contains(webhookA, own.substring("/webhooks/".length()));

        Response list = fixture.call("GET", "/webhooks?limit=1000", token, null);
        assertIds(list, inA);
        Response counted = expect(200, fixture.call("GET", "/webhooks?limit=0", token, null), "count with limit=0");
        assertThat(counted.header("X-Total-Count")).isEqualTo(String.valueOf(inA.size()));

        // the signing secret is in the create's answer alone, whoever asks
        List<Response> answers = List.of(list, fixture.call("GET", own, token, null),
                fixture.call("PUT", own, token, "{\"active\":true}"), fixture.call("GET", own + "/deliveries", token, null),
                all, fixture.asAdmin("GET", own, null));
        for (Response answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.text()).doesNotContain("secret", "whsec_");
        }
    }

    @Test
    void anAccountWithoutBindingsIsRefusedEveryList() {
        List<String> lists = MATRIX.stream().filter(RbacRow::isList).map(RbacRow::path).toList();
        assertThat(lists).contains("/service-accounts", "/roles", "/role-bindings", "/spaces", "/sessions", "/secrets?space={a}",
                "/webhooks");
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

    /** A 200 list of exactly these ids (in any order), counted as exactly these. */
    private static void assertIds(Response list, List<String> sessions) {
        assertThat(ids(list)).containsExactlyInAnyOrderElementsOf(sessions);
        assertThat(list.header("X-Total-Count")).isEqualTo(String.valueOf(sessions.size()));
    }

    private static List<String> ids(Response list) {
        return fields(list, "id");
    }

    private static List<String> keys(Response list) {
        return fields(list, "key");
    }

    private static List<String> fields(Response list, String field) {
        expect(200, list, "list");
        List<String> values = new ArrayList<>();
        for (JsonNode item : list.json()) {
            values.add(item.get(field).asString());
        }
        return values;
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
