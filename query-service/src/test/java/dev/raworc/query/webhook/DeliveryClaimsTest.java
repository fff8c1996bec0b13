package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.query.webhook.OutboxFixture.Delivery;

/**
 * Which delivery a worker claims: the oldest due one, a session's deliveries one after another
 * (one waiting for its retry or in flight holds back the later ones of its session only), never
 * one delivery by two workers at once, none of an inactive webhook.
 */
class DeliveryClaimsTest {

    private final OutboxFixture fixture = new OutboxFixture(OutboxFixture.properties());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID webhook = fixture.webhook(space);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aDeliveryWaitingForItsRetryHoldsBackItsSessionsLaterOnesButNoOtherSessions() {
        UUID held = fixture.sessionWithMessage(space);
        UUID other = fixture.sessionWithMessage(space);
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        fixture.sender.answer(500);

        assertThat(fixture.attemptAll()).as("the failure and the other session's two").isEqualTo(3);

        assertThat(fixture.sender.messageIds()).containsExactly(queued.get(0).messageId(), queued.get(2).messageId(),
                queued.get(3).messageId());
        assertThat(states()).containsExactly("pending", "pending", "delivered", "delivered");
        assertThat(queued).extracting(Delivery::sessionId).containsExactly(held, held, other, other);

        fixture.backoffPassed();
        assertThat(fixture.attemptAll()).isEqualTo(2);
        assertThat(fixture.sender.messageIds()).endsWith(queued.get(0).messageId(), queued.get(1).messageId());
        assertThat(states()).containsOnly("delivered");
    }

    @Test
    void aDeliveryInFlightIsSkippedByOtherWorkersAndHoldsBackItsSessionsLaterOnes() throws Exception {
        fixture.sessionWithMessage(space);
        fixture.sessionWithMessage(space);
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        fixture.sender.holdNext();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> inFlight = worker.submit(fixture.deliveries::attemptNext);
            fixture.sender.awaitHeld();

            assertThat(fixture.attemptAll()).as("the other session's two, while the first delivery is in flight").isEqualTo(2);
            assertThat(fixture.sender.messageIds()).containsExactly(queued.get(0).messageId(), queued.get(2).messageId(),
                    queued.get(3).messageId());

            fixture.sender.release();
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            worker.shutdownNow();
        }
        assertThat(fixture.attemptAll()).isEqualTo(1);
        assertThat(fixture.sender.messageIds()).hasSize(4).doesNotHaveDuplicates().endsWith(queued.get(1).messageId());
    }

    @Test
    void workersAttemptingAtOnceSendEachDeliveryOnceAndEachSessionsInOrder() throws Exception {
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(fixture.sessionWithMessage(space));
        }
        sessions.forEach(fixture::posted);
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(workers.submit(() -> {
                    while (pending() > 0) {
                        fixture.deliveries.attemptNext();
                    }
                }));
            }
            for (Future<?> done : running) {
                done.get(30, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(fixture.sender.messageIds()).hasSize(queued.size()).doesNotHaveDuplicates();
        for (UUID session : sessions) {
            List<String> inLogOrder = queued.stream().filter(d -> d.sessionId().equals(session)).map(Delivery::messageId).toList();
            assertThat(fixture.sender.messageIds().stream().filter(inLogOrder::contains).toList()).as("session %s", session)
                    .containsExactlyElementsOf(inLogOrder);
        }
    }

    @Test
    void anInactiveWebhooksDeliveriesWaitUntilItIsActiveAgain() {
        fixture.sessionWithMessage(space);
        fixture.handle();
        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), false));
        fixture.handle();

        assertThat(fixture.deliveries.attemptNext()).isFalse();

        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), true));
        fixture.handle();
        assertThat(fixture.attemptAll()).isEqualTo(2);
    }

    private List<String> states() {
        return fixture.deliveries(webhook).stream().map(Delivery::state).toList();
    }

    private long pending() {
        return fixture.jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'").query(Long.class).single();
    }
}
