package dev.raworc.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

/**
 * Fails loudly unless the server shows the synthetic sessions as their events say: figures
 * measured on a wrong read model would mean nothing. Compares the API's answers with the rows in
 * the event store, and makes the event store's own readers (the as-of fold, the command side)
 * read the synthetic events too.
 */
final class ScaleChecks {

    /** Sessions checked each time besides the oldest and the newest. */
    private static final int RANDOM_SAMPLES = 3;

    /** One row of the event store. */
    private record StoredEvent(long sequenceNumber, String type, JsonNode payload, String principal, Instant at) {
    }

    private ScaleChecks() {
    }

    /** The session list's {@code X-Total-Count}. */
    static long sessionTotal(Api api) throws Exception {
        HttpResponse<String> response = api.raw("GET", "/sessions?limit=1", null);
        expect(response.statusCode() == 200, "GET /sessions answered " + response.statusCode() + ": " + response.body());
        return Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
    }

    static void verify(Api api, String jdbcUrl, ScaleData.Generated generated, long expectedTotal) throws Exception {
        long total = sessionTotal(api);
        expect(total == expectedTotal, "the session list counts " + total + " sessions, expected " + expectedTotal);
        List<UUID> samples = new ArrayList<>(List.of(generated.sessions().get(0),
                generated.sessions().get(generated.sessions().size() - 1)));
        for (int i = 0; i < RANDOM_SAMPLES; i++) {
            samples.add(generated.sessions().get(ThreadLocalRandom.current().nextInt(generated.sessions().size())));
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            for (UUID session : samples) {
                verifySession(api, session, stored(connection, session), generated.messagesPerSession());
            }
        }
    }

    private static void verifySession(Api api, UUID id, List<StoredEvent> events, int messages) throws Exception {
        expect(events.size() == ScaleData.Generated.eventsPerSession(messages), "session " + id + " has " + events.size()
                + " events in the store");
        JsonNode session = api.send("GET", "/sessions/" + id, null, 200);
        expect(session.get("state").asString().equals("closed") && session.get("space").asString().equals("default")
                && session.get("created_by").asString().equals("admin") && session.get("container_id").isNull()
                && Objects.equals(at(session, "closed_at"), events.get(events.size() - 1).at()),
                "session " + id + " reads " + session);
        verifyMessages(api, id, events.stream().filter(event -> event.type().equals("MessagePostedEvent")).toList(), messages);
        verifyHistory(api, id, events);

        // the as-of fold reads the events through Axon's serializer, not through the read model
        Instant beforeClose = events.get(events.size() - 1).at().minusMillis(1);
        JsonNode asOf = api.send("GET", "/sessions/" + id + "?as_of=" + beforeClose, null, 200);
        expect(asOf.get("state").asString().equals("busy") && asOf.get("message_count").asLong() == messages,
                "session " + id + " as of " + beforeClose + " reads " + asOf);

        // the command side folds the aggregate from the same events: closed, so it refuses a message
        HttpResponse<String> post = api.raw("POST", "/sessions/" + id + "/messages", "{\"content\":\"closed?\"}");
        expect(post.statusCode() == 409, "a message to the closed session " + id + " answered " + post.statusCode()
                + ": " + post.body());
    }

    private static void verifyMessages(Api api, UUID id, List<StoredEvent> posted, int messages) throws Exception {
        JsonNode shown = api.send("GET", "/sessions/" + id + "/messages?limit=100", null, 200);
        expect(shown.size() == messages && posted.size() == messages, "session " + id + " shows " + shown.size()
                + " messages, the store holds " + posted.size());
        for (int i = 0; i < messages; i++) {
            JsonNode message = shown.get(i);
            StoredEvent event = posted.get(i);
            JsonNode payload = event.payload();
            expect(message.get("id").asString().equals(payload.get("messageId").asString())
                    && message.get("seq").asLong() == payload.get("seq").asLong()
                    && message.get("role").asString().equals(payload.get("role").asString().toLowerCase(Locale.ROOT))
                    && message.get("content").asString().equals(payload.get("content").asString())
                    && message.get("metadata").equals(payload.get("metadata"))
                    && message.get("created_by").asString().equals(event.principal())
                    && Objects.equals(at(message, "created_at"), event.at()),
                    "message " + message + " differs from its event " + payload);
        }
    }

    private static void verifyHistory(Api api, UUID id, List<StoredEvent> events) throws Exception {
        HttpResponse<String> history = api.raw("GET", "/sessions/" + id + "/events?limit=100", null);
        JsonNode items = Api.JSON.readTree(history.body());
        expect(history.statusCode() == 200 && items.size() == events.size(), "the audit history of " + id + " answered "
                + history.statusCode() + " with " + items.size() + " events, the store holds " + events.size());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            JsonNode item = items.get(i);
            expect(item.get("seq").asLong() == event.sequenceNumber() + 1 && item.get("type").asString().equals(event.type())
                    && Objects.equals(item.get("principal").asString(), event.principal())
                    && Objects.equals(at(item, "occurred_at"), event.at()), "audit item " + item + " differs from its event");
        }
    }

    private static List<StoredEvent> stored(Connection connection, UUID session) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence_number, payload_type, payload, meta_data, "
                + "time_stamp FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            select.setString(1, session.toString());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    events.add(new StoredEvent(rows.getLong(1), type.substring(type.lastIndexOf('.') + 1),
                            Api.JSON.readTree(rows.getBytes(3)), Api.JSON.readTree(rows.getBytes(4)).get("principal").asString(),
                            Instant.parse(rows.getString(5))));
                }
            }
        }
        return events;
    }

    /** The instant in a response field, or {@code null} when it is null or missing. */
    private static Instant at(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("read model check failed: " + failure);
        }
    }
}
