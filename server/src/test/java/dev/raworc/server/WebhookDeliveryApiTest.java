package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.WebhookReceiver.Received;

/**
 * Deliveries to a receiver on 127.0.0.1 (the shared server allows private targets): signed as
 * Standard Webhooks says, in order per session, retried with backoff, kept when they fail, and
 * delivered again by a replay. The shared server allows 3 attempts, the first retry after 100 ms.
 */
class WebhookDeliveryApiTest extends ApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private IdentityApi identity;
    private SessionApi sessions;
    private WebhookApi webhooks;
    private WebhookReceiver receiver;
    private String space;

    @BeforeEach
    void setUp() throws IOException {
        identity = new IdentityApi(api(), adminToken());
        sessions = new SessionApi(identity);
        webhooks = new WebhookApi(identity);
        receiver = new WebhookReceiver();
        space = unique("delivered");
        identity.createSpace(space);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void sessionEventsArriveSignedInOrderAsEventsShowsThem() {
        JsonNode webhook = webhooks.create(receiver.url(), space, List.of());
        String secret = webhook.get("secret").asString();

        String session = SessionApi.id(sessions.create(json("space", space)));
        identity.post("/sessions/" + session + "/messages", json("content", "first"));
        identity.post("/sessions/" + session + "/messages", json("content", "second"));

        Eventually.await(WITHIN, "three deliveries", () -> receiver.about(session).size() >= 3);
        List<Received> received = receiver.about(session);
        JsonNode history = identity.get("/sessions/" + session + "/events").json();
        assertThat(received).hasSize(history.size());
        for (int i = 0; i < received.size(); i++) {
            Received delivery = received.get(i);
            JsonNode body = delivery.json();
            JsonNode event = history.get(i);
            assertThat(delivery.signedWith(secret)).as("signature of %s", delivery).isTrue();
            assertThat(delivery.id()).startsWith("msg_");
            assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            assertThat(body.propertyNames()).containsExactlyInAnyOrder("type", "session_id", "space", "position", "seq",
                    "occurred_at", "data");
            assertThat(body.get("type").asString()).isEqualTo(event.get("type").asString());
            assertThat(body.get("seq").asLong()).isEqualTo(event.get("seq").asLong());
            assertThat(body.get("occurred_at").asString()).isEqualTo(event.get("occurred_at").asString());
            assertThat(body.get("data")).isEqualTo(event.get("data"));
            assertThat(body.get("space").asString()).isEqualTo(space);
            assertThat(body.get("position").asLong()).isEqualTo(globalIndex(session, body.get("seq").asLong()));
        }
        assertThat(received.stream().map(r -> r.json().get("type").asString()))
                .containsExactly("SessionCreatedEvent", "MessagePostedEvent", "MessagePostedEvent");
        assertThat(received.get(1).signedWith("whsec_" + "A".repeat(44))).isFalse();
    }

    @Test
    void onlyTheChosenTypesOfTheWebhooksSpaceAreDelivered() {
        String other = unique("elsewhere");
        identity.createSpace(other);
        webhooks.create(receiver.url(), space, List.of("MessagePostedEvent"));

        String elsewhere = SessionApi.id(sessions.create(json("space", other)));
        identity.post("/sessions/" + elsewhere + "/messages", json("content", "not for this webhook"));
        String session = SessionApi.id(sessions.create(json("space", space)));
        identity.post("/sessions/" + session + "/messages", json("content", "for it"));

        Eventually.await(WITHIN, "the message's delivery", () -> !receiver.about(session).isEmpty());
        assertThat(receiver.about(session)).singleElement()
                .satisfies(r -> assertThat(r.json().get("type").asString()).isEqualTo("MessagePostedEvent"));
        assertThat(receiver.about(elsewhere)).isEmpty();
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameIdAndEveryAttemptIsRecorded() {
        receiver.answerNext(500);
        JsonNode webhook = webhooks.create(receiver.url(), space, List.of("SessionCreatedEvent"));
        String id = webhook.get("id").asString();

        String session = SessionApi.id(sessions.create(json("space", space)));

        Eventually.await(WITHIN, "a second attempt", () -> receiver.about(session).size() >= 2);
        List<Received> attempts = receiver.about(session);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).id()).isEqualTo(attempts.get(0).id());
        assertThat(attempts).allSatisfy(r -> assertThat(r.signedWith(webhook.get("secret").asString())).isTrue());
        Eventually.await(WITHIN, "the delivery settled", () -> "delivered".equals(
                webhooks.deliveries(id).get(0).get("state").asString()));
        JsonNode delivery = webhooks.deliveries(id).get(0);
        assertThat(delivery.get("id").asString()).isEqualTo(attempts.get(0).id());
        assertThat(delivery.get("session_id").asString()).isEqualTo(session);
        assertThat(delivery.get("event_type").asString()).isEqualTo("SessionCreatedEvent");
        assertThat(delivery.get("replay").asBoolean()).isFalse();
        assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
        JsonNode log = delivery.get("attempts");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(log.get(0).get("error").asString()).isEqualTo("HTTP 500");
        assertThat(log.get(1).get("status_code").asInt()).isEqualTo(204);
        assertThat(log.get(1).get("error").isNull()).isTrue();
        assertThat(log.get(1).get("latency_ms").asLong()).isNotNegative();
        assertThat(webhooks.get(id).get("status").asString()).isEqualTo("healthy");
    }

    @Test
    void aDeliveryThatUsesEveryAttemptIsKeptAndTheWebhookFailsUntilChanged() {
        receiver.answerNext(503, 503, 503);
        String id = webhooks.create(receiver.url(), space, List.of("SessionCreatedEvent")).get("id").asString();

        String session = SessionApi.id(sessions.create(json("space", space)));

        Eventually.await(WITHIN, "the webhook failing", () -> "failing".equals(webhooks.get(id).get("status").asString()));
        assertThat(receiver.about(session)).hasSize(3);
        JsonNode delivery = webhooks.deliveries(id).get(0);
        assertThat(delivery.get("state").asString()).isEqualTo("failed");
        assertThat(delivery.get("attempts")).hasSize(3);

        identity.put("/webhooks/" + id, json("url", receiver.url() + "?fixed"));
        assertThat(webhooks.get(id).get("status").asString()).isEqualTo("healthy");
    }

    @Test
    void aReplayRedeliversEveryMatchingEventFromAPositionOn() {
        String id = webhooks.create(receiver.url(), space, List.of("SessionCreatedEvent")).get("id").asString();
        String first = SessionApi.id(sessions.create(json("space", space)));
        String second = SessionApi.id(sessions.create(json("space", space)));
        Eventually.await(WITHIN, "both creations", () -> receiver.received().size() >= 2);
        long from = globalIndex(second, 1);

        identity.post("/webhooks/" + id + "/replay?from=" + from, "{}");

        Eventually.await(WITHIN, "the replay", () -> receiver.received().size() >= 3);
        List<Received> received = receiver.received();
        assertThat(received).hasSize(3);
        assertThat(received.get(2).json()).isEqualTo(received.get(1).json());
        assertThat(received.get(2).id()).isNotEqualTo(received.get(1).id());
        assertThat(receiver.about(first)).hasSize(1);
        assertThat(webhooks.deliveries(id).get(2).get("replay").asBoolean()).isTrue();

        identity.post("/webhooks/" + id + "/replay?from=0", "{}");
        Eventually.await(WITHIN, "the replay from the start", () -> receiver.received().size() >= 5);
        assertThat(receiver.received().subList(3, 5).stream().map(r -> r.json().get("session_id").asString()))
                .containsExactly(first, second);
    }

    /** The global position of a session's event, by its seq (1 for the first). */
    private long globalIndex(String session, long seq) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = :n")
                .param("id", session).param("n", seq - 1).query(Long.class).single();
    }
}
