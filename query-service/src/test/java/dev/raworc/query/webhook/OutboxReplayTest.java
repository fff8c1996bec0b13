package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.webhook.WebhookReplayRequestedEvent;
import dev.raworc.query.webhook.OutboxFixture.Delivery;

/** What a replay request queues: its webhook's matching events from a position up to the request itself. */
class OutboxReplayTest {

    private final OutboxFixture fixture = new OutboxFixture(OutboxFixture.properties());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);
    private UUID replayed;
    private UUID other;
    private long first;
    private long second;

    /** Two sessions created in the space, a message in the second, a session elsewhere. */
    @BeforeEach
    void log() {
        replayed = fixture.webhook(space, "SessionCreatedEvent");
        other = fixture.webhook(space);
        first = fixture.created(UUID.randomUUID(), space);
        UUID session = UUID.randomUUID();
        second = fixture.created(session, space);
        fixture.posted(session);
        fixture.created(UUID.randomUUID(), "other-" + space);
        fixture.handle();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aReplayQueuesItsWebhooksMatchingEventsFromItsPositionUpToItselfAsNewMessages() {
        List<Delivery> otherBefore = fixture.deliveries(other);

        long requested = replay(second);
        long after = fixture.created(UUID.randomUUID(), space);
        fixture.handle();

        assertThat(replays(requested)).extracting(Delivery::position).containsExactly(second);
        assertThat(replays(requested).get(0).messageId()).isEqualTo(OutboxRows.messageId(replayed, requested, second))
                .isNotEqualTo(OutboxRows.messageId(replayed, OutboxRows.LIVE, second));
        assertThat(replays(OutboxRows.LIVE)).extracting(Delivery::position).containsExactly(first, second, after);
        assertThat(fixture.deliveries(other)).containsAll(otherBefore).allMatch(d -> d.origin() == OutboxRows.LIVE);
    }

    @Test
    void theSameRequestHandledAgainQueuesNothingMore() {
        long requested = replay(second);
        fixture.handle();

        fixture.handleAgainFrom(requested);

        assertThat(replays(requested)).hasSize(1);
    }

    @Test
    void eachRequestDeliversAgainAndFromZeroMeansTheWholeLog() {
        long once = replay(second);
        long twice = replay(second);
        long fromTheStart = replay(0);
        fixture.handle();

        assertThat(replays(once)).extracting(Delivery::position).containsExactly(second);
        assertThat(replays(twice)).extracting(Delivery::position).containsExactly(second);
        assertThat(replays(twice).get(0).messageId()).isNotEqualTo(replays(once).get(0).messageId());
        assertThat(replays(fromTheStart)).extracting(Delivery::position).containsExactly(first, second);
    }

    private long replay(long from) {
        return fixture.store("Webhook", replayed, new WebhookReplayRequestedEvent(replayed, from));
    }

    private List<Delivery> replays(long origin) {
        return fixture.deliveries(replayed).stream().filter(d -> d.origin() == origin).toList();
    }
}
