package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * Everything the read side answers about a server holding a {@link RichHistory}, as one map from
 * path to status, headers and body: every list with each of its filters, every object by id, every
 * session's messages and audit history, and for the history's own sessions (deleted ones too) their
 * pages, roles, counts and past states. Two such maps taken of the same history must be equal to
 * the byte.
 */
final class ApiAnswers {

    private static final String BASE = "/api/v0";
    private static final String ALL = "limit=1000";
    /** Headers that say when and to which request the answer was given, not what it is. */
    private static final List<String> CIRCUMSTANTIAL = List.of("date", "keep-alive", "connection", "x-request-id");

    private final ApiClient api;
    private final String token;
    private final RichHistory history;
    private final Map<String, String> answers = new TreeMap<>();

    private ApiAnswers(ApiClient api, String token, RichHistory history) {
        this.api = api;
        this.token = token;
        this.history = history;
    }

    /** Every answer, read as {@code token} (an administrator's, which sees everything). */
    static Map<String, String> of(ApiClient api, String token, RichHistory history) {
        ApiAnswers answers = new ApiAnswers(api, token, history);
        answers.identityAndAccess();
        answers.spacesAndSecrets();
        answers.sessions();
        for (JsonNode webhook : answers.list("/webhooks")) {
            answers.read("/webhooks/" + webhook.get("id").asString());
        }
        history.gonePaths.forEach(answers::read);
        return answers.answers;
    }

    /** Fails naming every path whose answer differs, with both answers (shortened). */
    static void assertSame(Map<String, String> actual, Map<String, String> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        Map<String, String> differences = expected.keySet().stream()
                .filter(path -> !expected.get(path).equals(actual.get(path)))
                .collect(Collectors.toMap(path -> path, path -> "\n  before: " + shorten(expected.get(path))
                        + "\n  after:  " + shorten(actual.get(path)), (a, b) -> a, TreeMap::new));
        assertThat(differences).as("answers that changed").isEmpty();
    }

    private void identityAndAccess() {
        read("/auth/me");
        for (JsonNode account : list("/service-accounts")) {
            read("/service-accounts/" + account.get("id").asString());
            read("/service-accounts/" + account.get("user").asString());
        }
        for (JsonNode role : list("/roles")) {
            read("/roles/" + role.get("id").asString());
            read("/roles/" + role.get("name").asString());
        }
        for (JsonNode binding : list("/role-bindings")) {
            read("/role-bindings/" + binding.get("id").asString());
        }
        history.accounts.forEach(user -> list("/role-bindings?principal=" + user));
        history.roles.forEach(role -> list("/role-bindings?role_name=" + role));
        history.spaces.forEach(space -> list("/role-bindings?space=" + space));
    }

    private void spacesAndSecrets() {
        list("/spaces?active=true");
        list("/spaces?active=false");
        for (JsonNode space : list("/spaces")) {
            String name = space.get("name").asString();
            read("/spaces/" + name);
            list("/secrets?space=" + name);
            for (JsonNode secret : list("/spaces/" + name + "/secrets")) {
                String key = secret.get("key").asString();
                read("/spaces/" + name + "/secrets/" + key);
                read("/secrets/" + key + "?space=" + name);
            }
        }
        list("/secrets");
    }

    private void sessions() {
        for (String state : List.of("init", "idle", "busy", "closed", "errored")) {
            list("/sessions?state=" + state);
        }
        history.spaces.forEach(space -> {
            list("/sessions?space=" + space);
            list("/sessions?workspace_name=" + space);
        });
        history.accounts.forEach(user -> list("/sessions?created_by=" + user));
        for (JsonNode session : list("/sessions")) {
            String id = session.get("id").asString();
            read("/sessions/" + id);
            read("/sessions/" + id + "/messages?" + ALL);
            read("/sessions/" + id + "/events?" + ALL);
        }
        history.sessionIds.forEach(this::sessionInDetail);
    }

    /**
     * Pages of messages and events, each role, the children, and the session by name and at every
     * instant its history changed.
     */
    private void sessionInDetail(String id) {
        String session = "/sessions/" + id;
        JsonNode now = read(session).json();
        if (now.has("name") && !now.get("name").isNull()) {
            read("/sessions/" + now.get("name").asString());
            list("/sessions?name=" + now.get("name").asString());
        }
        list("/sessions?parent_session_id=" + id);
        JsonNode messages = list(session + "/messages");
        long lastSeq = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1).get("seq").asLong() : 0;
        for (long afterSeq = 0; afterSeq <= lastSeq + 1; afterSeq++) {
            read(session + "/messages?after_seq=" + afterSeq + "&limit=2");
        }
        read(session + "/messages/count");
        for (String role : List.of("user", "agent", "system")) {
            list(session + "/messages?role=" + role);
            read(session + "/messages/count?role=" + role);
        }
        JsonNode events = list(session + "/events");
        for (JsonNode event : events) {
            read(session + "?as_of=" + event.get("occurred_at").asString());
        }
        if (!events.isEmpty()) {
            read(session + "?as_of=" + Instant.parse(events.get(0).get("occurred_at").asString()).minusMillis(1));
        }
    }

    /** Records the whole list and its second page of two; answers the whole list. */
    private JsonNode list(String path) {
        String whole = path + (path.contains("?") ? "&" : "?") + ALL;
        read(path + (path.contains("?") ? "&" : "?") + "limit=2&offset=1");
        return read(whole).json();
    }

    private Response read(String path) {
        Response response = api.get(BASE + path, token);
        String headers = response.headers().map().entrySet().stream()
                .filter(header -> !CIRCUMSTANTIAL.contains(header.getKey().toLowerCase()))
                .map(header -> header.getKey().toLowerCase() + ": " + header.getValue())
                .sorted().collect(Collectors.joining("\n"));
        answers.put(path, response.status() + "\n" + headers + "\n\n" + response.text());
        return response;
    }

    private static String shorten(String answer) {
        return answer == null || answer.length() <= 1500 ? answer : answer.substring(0, 1500) + "…";
    }
}
