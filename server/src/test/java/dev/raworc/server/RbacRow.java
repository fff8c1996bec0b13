package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * One endpoint of the RBAC matrix: a method, a path and body with placeholders (see
 * {@link RbacTargets}), the status each caller must get, and what the request must have changed
 * when it succeeded and left alone when it was refused. A caller without a token gets 401 on
 * every row.
 */
record RbacRow(String method, String path, String body, Map<RbacCaller, Integer> expected, Effect effect) {

    /** What a row's request does, checked afterwards by the admin. */
    @FunctionalInterface
    interface Effect {

        Effect NONE = (row, targets, succeeded) -> {
        };

        void verify(RbacRow row, RbacTargets targets, boolean succeeded);
    }

    static RbacRow row(String method, String path, String body, int admin, int operator, int viewer, int spaceA, int nobody) {
        Map<RbacCaller, Integer> expected = new EnumMap<>(RbacCaller.class);
        expected.put(RbacCaller.ADMIN, admin);
        expected.put(RbacCaller.OPERATOR, operator);
        expected.put(RbacCaller.VIEWER, viewer);
        expected.put(RbacCaller.SPACE_A, spaceA);
        expected.put(RbacCaller.NOBODY, nobody);
        expected.put(RbacCaller.ANONYMOUS, 401);
        return new RbacRow(method, path, body, Map.copyOf(expected), Effect.NONE);
    }

    RbacRow then(Effect effect) {
        return new RbacRow(method, path, body, expected, effect);
    }

    int expected(RbacCaller caller) {
        return expected.get(caller);
    }

    /** A GET of a collection: a list endpoint. */
    boolean isList() {
        String collection = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return method.equals("GET") && !collection.contains("{") && !collection.startsWith("/auth/");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** The admin afterwards sees something at {@code probe} exactly when the request succeeded. */
    static Effect creates(String probe) {
        return (row, targets, succeeded) -> assertThat(targets.fixture().adminSees(targets.resolve(probe)))
                .as("after %s, admin sees %s", row, probe).isEqualTo(succeeded);
    }

    /** The row's path is gone afterwards exactly when the request succeeded. */
    static Effect deletes() {
        return (row, targets, succeeded) -> assertThat(targets.fixture().adminSees(targets.resolve(row.path())))
                .as("after %s, admin still sees it", row).isEqualTo(!succeeded);
    }

    /** The request set the description at the row's path to {@code {unique}} exactly when it succeeded. */
    static Effect describes() {
        return (row, targets, succeeded) -> {
            String description = targets.fixture().description(targets.resolve(row.path()));
            if (succeeded) {
                assertThat(description).as("description after %s", row).isEqualTo(targets.resolve("{unique}"));
            } else {
                assertThat(description).as("description after refused %s", row).isNotEqualTo(targets.resolve("{unique}"));
            }
        };
    }

    /** The account can log in with {@code {new-password}} exactly when the request succeeded. */
    static Effect setsPasswordOf(String userPlaceholder) {
        return (row, targets, succeeded) -> {
            int login = targets.fixture().login(targets.resolve(userPlaceholder), RbacFixture.NEW_PASSWORD).status();
            assertThat(login).as("login with the new password after %s", row).isEqualTo(succeeded ? 200 : 401);
        };
    }

    /** The request set the session's metadata at the row's path to {@code {"note": "{unique}"}} exactly when it succeeded. */
    static Effect setsMetadata() {
        return (row, targets, succeeded) -> {
            JsonNode note = targets.fixture().read(targets.resolve(row.path())).get("metadata").get("note");
            boolean set = note != null && !note.isNull() && note.asString().equals(targets.resolve("{unique}"));
            assertThat(set).as("metadata note {unique} after %s", row).isEqualTo(succeeded);
        };
    }

    /**
     * The session the row acts on ({@code /sessions/{id}/...}) is afterwards in state
     * {@code ifSucceeded} when the request succeeded, else still in {@code ifRefused}.
     */
    static Effect leavesSessionIn(String ifSucceeded, String ifRefused) {
        return (row, targets, succeeded) -> {
            String state = targets.fixture().read(sessionPath(targets.resolve(row.path()))).get("state").asString();
            assertThat(state).as("state of the session after %s", row).isEqualTo(succeeded ? ifSucceeded : ifRefused);
        };
    }

    /** The admin finds a message with content {@code {unique}} at the row's messages path exactly when the request succeeded. */
    static Effect postsMessage() {
        return (row, targets, succeeded) -> {
            List<String> contents = new ArrayList<>();
            for (JsonNode message : targets.fixture().read(targets.resolve(row.path()) + "?limit=1000")) {
                contents.add(message.get("content").asString());
            }
            assertThat(contents.contains(targets.resolve("{unique}"))).as("message posted by %s", row).isEqualTo(succeeded);
        };
    }

    /** The session's single message is gone from its view exactly when the request succeeded. */
    static Effect clearsMessages() {
        return (row, targets, succeeded) -> assertThat(targets.fixture().messageCount(sessionPath(targets.resolve(row.path()))))
                .as("message count after %s", row).isEqualTo(succeeded ? 0L : 1L);
    }

    /** The session's history shows a write of the row's file exactly when the request succeeded. */
    static Effect writesFile() {
        return (row, targets, succeeded) -> {
            String path = targets.resolve(row.path());
            assertThat(targets.fixture().fileEvents(sessionPath(path)).contains("FilesWrittenEvent " + filePath(path)))
                    .as("write recorded after %s", row).isEqualTo(succeeded);
        };
    }

    /** The session's history shows the deletion of the row's file exactly when the request succeeded. */
    static Effect deletesFile() {
        return (row, targets, succeeded) -> {
            String path = targets.resolve(row.path());
            assertThat(targets.fixture().fileEvents(sessionPath(path)).contains("FileDeletedEvent " + filePath(path)))
                    .as("deletion recorded after %s", row).isEqualTo(succeeded);
        };
    }

    private static String filePath(String path) {
        return path.substring(path.indexOf("/files/") + "/files/".length());
    }

    /** The admin lists a webhook pointing at {@link RbacFixture#UNIQUE_WEBHOOK_URL} exactly when the request succeeded. */
    static Effect createsWebhook() {
        return (row, targets, succeeded) -> {
            List<String> urls = new ArrayList<>();
            targets.fixture().read("/webhooks?limit=1000").forEach(webhook -> urls.add(webhook.get("url").asString()));
            assertThat(urls.contains(targets.resolve(RbacFixture.UNIQUE_WEBHOOK_URL))).as("webhook created by %s", row)
                    .isEqualTo(succeeded);
        };
    }

    /** The webhook at the row's path points at {@link RbacFixture#UNIQUE_WEBHOOK_URL} exactly when the request succeeded. */
    static Effect setsWebhookUrl() {
        return (row, targets, succeeded) -> {
            String url = targets.fixture().read(targets.resolve(row.path())).get("url").asString();
            assertThat(url.equals(targets.resolve(RbacFixture.UNIQUE_WEBHOOK_URL))).as("url after %s", row).isEqualTo(succeeded);
        };
    }

    /**
     * The webhook of the row's path has replayed deliveries exactly when the request succeeded.
     * The outbox queues them after the admin's writes, in log order: once it has queued the
     * creation of a session made after the request, in {@code markerSpace}, it has handled the
     * request too.
     */
    static Effect replays(String markerSpace) {
        return (row, targets, succeeded) -> {
            RbacFixture fixture = targets.fixture();
            String webhook = objectPath("webhooks", targets.resolve(row.path()));
            String marker = fixture.createSession(targets.resolve(markerSpace));
            Eventually.await(Duration.ofSeconds(15), "the outbox queues the creation of " + marker, () ->
                    fixture.webhookDeliveries(webhook).valueStream().anyMatch(d -> d.get("session_id").asString().equals(marker)));
            assertThat(fixture.webhookDeliveries(webhook).valueStream().anyMatch(d -> d.get("replay").asBoolean()))
                    .as("replayed deliveries after %s", row).isEqualTo(succeeded);
        };
    }

    /** {@code /sessions/{id}} of a path below it. */
    private static String sessionPath(String path) {
        return objectPath("sessions", path);
    }

    /** {@code /<collection>/{id}} of a path below it. */
    private static String objectPath(String collection, String path) {
        Matcher matcher = Pattern.compile("^/" + collection + "/[^/?]+").matcher(path);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not below /" + collection + ": " + path);
        }
        return matcher.group();
    }
}
