package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.SessionApi.id;
import static dev.raworc.server.SessionApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A history that leaves a trace in every read model, written through the API as clients write it:
 * accounts (deactivated, deleted, with a changed password, logged in), custom and deleted roles,
 * global, space-scoped and deleted bindings, spaces (deactivated with settings, deleted), secrets
 * (rotated, disclosed, deleted), and sessions in every state a server without a runner reaches,
 * with remixes, a cleared conversation and messages of every role. It remembers what a reader
 * should look at beyond the lists: the objects it named and those it deleted.
 */
final class RichHistory {

    private static final String RULES = "[{\"api_groups\":[\"api\"],\"resources\":[\"sessions\",\"messages\"],"
            + "\"verbs\":[\"get\",\"list\",\"create\"],\"resource_names\":[\"a\",\"b\"]},"
            + "{\"api_groups\":[\"*\"],\"resources\":[\"spaces\"],\"verbs\":[\"get\"]}]";

    private final ApiClient api;
    private final IdentityApi identity;
    private final SessionApi sessions;
    /** Names of this history's accounts, roles and spaces, for the filters of the lists. */
    final List<String> accounts = new ArrayList<>();
    final List<String> roles = new ArrayList<>(List.of("operator", "viewer"));
    final List<String> spaces = new ArrayList<>(List.of("default"));
    /** Sessions to read to the last detail (pages, filters, time travel), deleted ones included. */
    final List<String> sessionIds = new ArrayList<>();
    /** Paths that no list leads to any more: what was deleted. */
    final List<String> gonePaths = new ArrayList<>();

    private RichHistory(ApiClient api, String adminToken) {
        this.api = api;
        this.identity = new IdentityApi(api, adminToken);
        this.sessions = new SessionApi(identity);
    }

    static RichHistory write(ApiClient api, String adminToken) {
        RichHistory history = new RichHistory(api, adminToken);
        String main = history.spaces();
        String operator = history.access(main);
        history.secrets(main);
        history.sessions(main, operator);
        history.webhooks(main);
        return history;
    }

    /**
     * A webhook of the main space, deactivated before anything could be delivered, and a global one
     * deleted; their targets are public addresses (a documentation range) for servers that refuse others.
     */
    private void webhooks(String main) {
        WebhookApi webhooks = new WebhookApi(identity);
        String kept = webhooks.create("http://203.0.113.10/kept", main, List.of("MessagePostedEvent")).get("id").asString();
        ok(identity.put("/webhooks/" + kept, json("active", false)), 200);
        String gone = webhooks.create("http://203.0.113.10/gone", null, List.of()).get("id").asString();
        assertNoContent(identity.delete("/webhooks/" + gone));
        gonePaths.add("/webhooks/" + gone);
    }

    /**
     * A main space, a deactivated one with a session, and one deleted with its session, secret and
     * binding, then created again.
     */
    private String spaces() {
        String main = space("main", "{\"nested\":{\"list\":[1,\"two\",null]},\"flag\":true}");
        String dormant = space("dormant", "{\"limit\":3}");
        sessions.postSystem(id(sessions.createIn(dormant)), "left behind");
        ok(identity.put("/spaces/" + dormant, json("active", false, "description", "no longer used")), 200);
        String gone = space("gone", "{}");
        String session = id(sessions.createIn(gone));
        sessions.postSystem(session, "in a space about to go");
        ok(identity.post("/spaces/" + gone + "/secrets", json("key", "GONE_WITH_SPACE", "value", "v-gone")), 201);
        String binding = id(identity.bind("viewer", "admin", gone));
        sessions.delete(session);
        assertNoContent(identity.delete("/spaces/" + gone));
        identity.createSpace(gone); // a new space of the old name, which inherits nothing
        sessionIds.add(session);
        gonePaths.addAll(List.of("/role-bindings/" + binding, "/spaces/" + gone + "/secrets/GONE_WITH_SPACE"));
        return main;
    }

    private String space(String purpose, String settings) {
        String name = IdentityApi.unique("rich-" + purpose);
        ok(identity.post("/spaces", "{\"name\":\"" + name + "\",\"description\":\"the " + purpose
                + " space\",\"settings\":" + settings + "}"), 201);
        spaces.add(name);
        return name;
    }

    /** Accounts and bindings of every kind; answers the user of an operator bound in {@code main}. */
    private String access(String main) {
        String role = IdentityApi.unique("rich-role");
        identity.createRole(role, RULES);
        roles.add(role);
        String operator = account("operator");
        identity.bind("operator", operator, main);
        identity.bind(role, operator, null);
        String viewer = account("viewer");
        identity.bind("viewer", viewer, null);
        ok(identity.put("/service-accounts/" + viewer, json("description", "reads everything")), 200);
        identity.login(viewer);
        String dormant = account("dormant");
        identity.bind(role, dormant, main);
        ok(identity.put("/service-accounts/" + dormant, json("active", false)), 200);
        String renewed = account("renewed");
        assertNoContent(identity.put("/service-accounts/" + renewed + "/password", json("new_password", "renewed-password")));
        api.login(renewed, "renewed-password");

        String gone = account("gone");
        String goneBinding = id(identity.bind("viewer", gone, main));
        assertNoContent(identity.delete("/service-accounts/" + gone));
        String goneRole = IdentityApi.unique("rich-gone-role");
        String goneRoleId = id(identity.createRole(goneRole, RULES));
        String goneRoleBinding = id(identity.bind(goneRole, viewer, main));
        assertNoContent(identity.delete("/roles/" + goneRole));
        String unbound = id(identity.bind("operator", viewer, main));
        assertNoContent(identity.delete("/role-bindings/" + unbound));
        gonePaths.addAll(List.of("/service-accounts/" + gone, "/role-bindings/" + goneBinding, "/roles/" + goneRole,
                "/roles/" + goneRoleId, "/role-bindings/" + goneRoleBinding, "/role-bindings/" + unbound));
        return operator;
    }

    private String account(String purpose) {
        String user = IdentityApi.unique("rich-" + purpose);
        ok(identity.post("/service-accounts", json("user", user, "pass", IdentityApi.PASSWORD,
                "description", "the " + purpose + " account")), 201);
        accounts.add(user);
        return user;
    }

    /** Secrets in the default and the main space: rotated, described again, disclosed, deleted. */
    private void secrets(String main) {
        String rotated = "RICH_" + IdentityApi.unique("rotated").replace('-', '_').toUpperCase();
        ok(identity.post("/secrets", json("key", rotated, "value", "first value")), 201);
        ok(identity.put("/secrets/" + rotated, json("value", "second value")), 200);
        ok(identity.put("/secrets/" + rotated, json("description", "rotated once")), 200);
        assertThat(ok(identity.get("/secrets/" + rotated + "?show_values=true"), 200).get("value").asString())
                .isEqualTo("second value");
        String base = "/spaces/" + main + "/secrets";
        ok(identity.post(base, json("key", "API_TOKEN", "value", "token-value", "description", "for the agent")), 201);
        ok(identity.post(base, json("key", "DELETED", "value", "deleted-value")), 201);
        assertNoContent(identity.delete(base + "/DELETED"));
        assertThat(ok(identity.get(base + "?show_values=true"), 200)).hasSize(1);
        gonePaths.addAll(List.of(base + "/DELETED", "/secrets/DELETED?space=" + main));
    }

    /** Sessions in every state, remixes, a cleared and a renamed session, deleted ones. */
    private void sessions(String main, String operator) {
        String init = id(sessions.create(json("name", IdentityApi.unique("rich-init"), "space", main,
                "metadata", Map.of("purpose", "stays init", "n", List.of(1, 2)), "image", "example/agent:1")));
        String idle = lived(main, "idle");
        sessions.postSystem(idle, "ready");
        String busy = lived(main, "idle");
        converse(busy);
        String closed = lived(main, "idle");
        converse(closed);
        sessions.close(closed);
        String errored = id(sessions.create());
        ok(identity.put("/sessions/" + errored + "/state", json("state", "errored", "reason", "disk full")), 200);
        String restored = lived(main, "closed");
        ok(identity.post("/sessions/" + restored + "/restore", "{}"), 200);
        sessions.moveTo(restored, "idle");
        String recovered = id(sessions.moveTo(id(sessions.create()), "errored"));
        ok(identity.post("/sessions/" + recovered + "/restore", "{}"), 200);
        String given = id(sessions.moveTo(id(sessions.create()), "errored"));
        sessions.close(given);

        String cleared = lived(main, "idle");
        converse(cleared);
        assertNoContent(identity.delete("/sessions/" + cleared + "/messages"));
        sessions.post(cleared, "system", "after the clearing");
        ok(identity.put("/sessions/" + cleared, json("name", IdentityApi.unique("rich-renamed"),
                "metadata", Map.of("renamed", true))), 200);

        String byOperator = id(ok(identity.post("/sessions", api.login(operator, IdentityApi.PASSWORD),
                json("space", main)), 201));
        ok(sessions.postMessage(byOperator, api.login(operator, IdentityApi.PASSWORD), json("content", "from a user")), 201);

        String whole = id(sessions.remix(closed, json("name", IdentityApi.unique("rich-remix"))));
        String part = id(sessions.remix(closed, json("up_to_message_seq", 2, "metadata", Map.of("part", 2))));
        String ofCleared = id(sessions.remix(cleared, "{}"));
        String bare = id(sessions.remix(busy, json("copy_messages", false, "new_session_metadata", Map.of("bare", true))));
        String grandchild = id(sessions.remix(part, json("up_to_message_seq", 1)));
        sessions.post(grandchild, "user", "the grandchild goes on");

        String deleted = lived(main, "idle");
        converse(deleted);
        String orphan = id(sessions.remix(deleted, "{}"));
        sessions.delete(deleted);
        sessionIds.addAll(List.of(init, idle, busy, closed, errored, restored, recovered, given, cleared, byOperator,
                whole, part, ofCleared, bare, grandchild, deleted, orphan));
    }

    /** A session in {@code main} moved from init to {@code state}. */
    private String lived(String main, String state) {
        return id(sessions.moveTo(id(sessions.createIn(main)), state));
    }

    /** A user task (the session becomes busy), the agent's answers, a system note: every role. */
    private void converse(String session) {
        sessions.post(session, null, "the task");
        sessions.post(session, "agent", "working on it");
        sessions.post(session, "system", "{\"note\":\"json as text\"}");
        ok(identity.post("/sessions/" + session + "/messages", json("role", "agent", "content", "done",
                "metadata", Map.of("tokens", 42, "tools", List.of("bash")))), 201);
    }
}
