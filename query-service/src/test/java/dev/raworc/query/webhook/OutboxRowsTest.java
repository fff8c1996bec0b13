package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.query.webhook.OutboxFixture.Delivery;

/** Which stored events the outbox queues for which webhooks, as it meets them in the log. */
class OutboxRowsTest {

    private final OutboxFixture fixture = new OutboxFixture(OutboxFixture.properties());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);
    private final String otherSpace = "other-" + space;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSessionEventIsQueuedForEachActiveWebhookThatWantsIt() {
        UUID everything = fixture.webhook(space);
        UUID messagesOnly = fixture.webhook(space, "MessagePostedEvent");
        UUID global = fixture.webhook(null);
        UUID elsewhere = fixture.webhook(otherSpace);
        UUID inactive = fixture.webhook(space);
        fixture.store("Webhook", inactive, new WebhookUpdatedEvent(inactive, OutboxFixture.URL, List.of(), false));
        UUID session = UUID.randomUUID();

        fixture.created(session, space);
        fixture.posted(session);
        fixture.handle();

        assertThat(types(everything)).containsExactly("SessionCreatedEvent", "MessagePostedEvent");
        assertThat(types(messagesOnly)).containsExactly("MessagePostedEvent");
        assertThat(types(global)).containsExactly("SessionCreatedEvent", "MessagePostedEvent");
        assertThat(fixture.deliveries(elsewhere)).isEmpty();
        assertThat(fixture.deliveries(inactive)).isEmpty();
    }

    @Test
    void aGlobalWebhookTakesEverySpacesSessionsAndASpacesWebhookItsOwnForksIncluded() {
        UUID ours = fixture.webhook(space);
        UUID global = fixture.webhook(null);
        UUID inOurs = UUID.randomUUID();
        UUID inOther = UUID.randomUUID();
        UUID fork = UUID.randomUUID();

        fixture.created(inOurs, space);
        fixture.created(inOther, otherSpace);
        fixture.session(fork, new SessionForkedEvent(fork, inOther, 0, false, false, null, space, "image", Map.of(), null));
        fixture.posted(fork);
        fixture.handle();

        assertThat(sessions(ours)).containsExactly(inOurs, fork, fork);
        assertThat(sessions(global)).containsExactly(inOurs, inOther, fork, fork);
    }

    @Test
    void aDeliveryCarriesTheEventAsTheWireShowsItAndItsPlaceInTheLog() {
        UUID webhook = fixture.webhook(space);
        UUID session = UUID.randomUUID();

        long position = fixture.created(session, space);
        fixture.handle();

        Delivery delivery = fixture.deliveries(webhook).get(0);
        assertThat(delivery.origin()).isEqualTo(OutboxRows.LIVE);
        assertThat(delivery.position()).isEqualTo(position);
        assertThat(delivery.messageId()).isEqualTo(OutboxRows.messageId(webhook, OutboxRows.LIVE, position)).startsWith("msg_");
        assertThat(delivery.sessionId()).isEqualTo(session);
        assertThat(delivery.eventType()).isEqualTo("SessionCreatedEvent");
        assertThat(delivery.state()).isEqualTo("pending");
        assertThat(delivery.attempts()).isZero();
        assertThat(delivery.nextAttemptAt()).isBeforeOrEqualTo(Instant.now());
        JsonNode body = JsonMapper.builder().build().readTree(delivery.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("type", "session_id", "space", "position", "seq",
                "occurred_at", "data");
        assertThat(body.get("type").asString()).isEqualTo("SessionCreatedEvent");
        assertThat(body.get("session_id").asString()).isEqualTo(session.toString());
        assertThat(body.get("space").asString()).isEqualTo(space);
        assertThat(body.get("position").asLong()).isEqualTo(position);
        assertThat(body.get("seq").asLong()).isEqualTo(1);
        assertThat(body.get("data").get("name").asString()).isEqualTo("session-" + session);
    }

    @Test
    void anEventHandledAgainQueuesNothingMore() {
        UUID webhook = fixture.webhook(space);
        UUID session = UUID.randomUUID();
        long first = fixture.created(session, space);
        fixture.posted(session);
        fixture.handle();
        List<Delivery> before = fixture.deliveries(webhook);

        fixture.handleAgainFrom(first);

        assertThat(fixture.deliveries(webhook)).isEqualTo(before).hasSize(2);
    }

    @Test
    void otherEventsThanASessionsQueueNothing() {
        UUID global = fixture.webhook(null);
        UUID spaceId = UUID.randomUUID();

        fixture.store("Space", spaceId, new SpaceCreatedEvent(spaceId, space, null, Map.of()));
        fixture.store("Webhook", global, new WebhookUpdatedEvent(global, OutboxFixture.URL + "/v2", List.of(), true));
        fixture.handle();

        assertThat(fixture.deliveries(global)).isEmpty();
    }

    @Test
    void eachEventMeetsTheWebhooksAsTheyWereAtItsPlaceInTheLog() {
        UUID session = UUID.randomUUID();
        fixture.created(session, space);
        fixture.handle();
        UUID webhook = fixture.webhook(space);

        fixture.posted(session);
        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of("SessionRenamedEvent"), true));
        fixture.posted(session);
        fixture.session(session, new SessionRenamedEvent(session, "renamed"));
        fixture.handle();
        assertThat(types(webhook)).containsExactly("MessagePostedEvent", "SessionRenamedEvent");

        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), false));
        fixture.posted(session);
        fixture.handle();
        assertThat(fixture.deliveries(webhook)).hasSize(2);

        fixture.store("Webhook", webhook, new WebhookDeletedEvent(webhook, space));
        fixture.handle();
        assertThat(fixture.deliveries(webhook)).as("a deleted webhook's deliveries are dropped").isEmpty();
        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), true));
        fixture.posted(session);
        fixture.handle();
        assertThat(fixture.deliveries(webhook)).isEmpty();
    }

    @Test
    void theSpaceOfASessionOlderThanTheOutboxIsReadFromTheLog() {
        UUID session = UUID.randomUUID();
        fixture.created(session, space);
        fixture.skipToHead();
        UUID ours = fixture.webhook(space);
        UUID other = fixture.webhook(otherSpace);

        fixture.posted(session);
        fixture.handle();

        assertThat(types(ours)).containsExactly("MessagePostedEvent");
        assertThat(fixture.deliveries(ours).get(0).body()).contains("\"space\":\"" + space + "\"");
        assertThat(fixture.deliveries(other)).isEmpty();
    }

    @Test
    void aSessionsDeliveriesAreQueuedInLogOrder() {
        UUID webhook = fixture.webhook(space);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fixture.created(first, space);
        fixture.created(second, space);
        fixture.posted(first);
        fixture.posted(second);
        fixture.posted(first);
        fixture.handle();

        List<Delivery> deliveries = fixture.deliveries(webhook);
        assertThat(deliveries).extracting(Delivery::sessionId).containsExactly(first, second, first, second, first);
        assertThat(deliveries).extracting(Delivery::position).isSorted();
    }

    private List<String> types(UUID webhook) {
        return fixture.deliveries(webhook).stream().map(Delivery::eventType).toList();
    }

    private List<UUID> sessions(UUID webhook) {
        return fixture.deliveries(webhook).stream().map(Delivery::sessionId).toList();
    }
}
