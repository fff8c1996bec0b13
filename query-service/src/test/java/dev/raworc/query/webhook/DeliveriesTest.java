package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.webhook.OutboxFixture.Delivery;

/**
 * Which delivery a worker claims, and how an attempt settles it: oldest first, one session's
 * deliveries one after another, never one delivery by two workers, retries on the backoff
 * schedule, and a delivery given up after the last attempt.
 */
class DeliveriesTest {

    private final OutboxFixture fixture = new OutboxFixture(OutboxFixture.properties());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID webhook = fixture.webhook(space);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anAttemptSendsTheOldestDueDeliveryToTheWebhookSignedWithItsSecret() {
        UUID first = session();
        UUID second = session();
        event(first);
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);

        assertThat(attemptAll()).isEqualTo(5);

        assertThat(fixture.sender.messageIds()).containsExactlyElementsOf(queued.stream().map(Delivery::messageId).toList());
        assertThat(fixture.sender.sent()).allSatisfy(sent -> {
            assertThat(sent.url()).isEqualTo(OutboxFixture.URL);
            assertThat(sent.secret()).isEqualTo(OutboxFixture.SECRET);
        });
        assertThat(fixture.sender.sent().get(0).body()).isEqualTo(queued.get(0).body());
        assertThat(fixture.deliveries(webhook)).extracting(Delivery::sessionId).containsExactly(first, first, second, second, first);
        assertThat(fixture.deliveries(webhook)).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo("delivered");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(fixture.failing(webhook)).isFalse();
    }

    @Test
    void aDeliveryWaitingForItsRetryHoldsBackItsSessionsLaterOnesButNoOtherSessions() {
        UUID held = session();
        UUID other = session();
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        fixture.sender.answer(500);

        assertThat(attemptAll()).as("the failure and the other session's two").isEqualTo(3);

        assertThat(fixture.sender.messageIds()).containsExactly(queued.get(0).messageId(), queued.get(2).messageId(),
                queued.get(3).messageId());
        assertThat(states()).containsExactly("pending", "pending", "delivered", "delivered");
        assertThat(queued).extracting(Delivery::sessionId).containsExactly(held, held, other, other);

        fixture.backoffPassed();
        assertThat(attemptAll()).isEqualTo(2);
        assertThat(fixture.sender.messageIds()).endsWith(queued.get(0).messageId(), queued.get(1).messageId());
        assertThat(states()).containsOnly("delivered");
    }

    @Test
    void aDeliveryInFlightIsSkippedByOtherWorkersAndHoldsBackItsSessionsLaterOnes() throws Exception {
        session();
        session();
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        fixture.sender.holdNext();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> inFlight = worker.submit(fixture.deliveries::attemptNext);
            fixture.sender.awaitHeld();

            assertThat(attemptAll()).as("the other session's two, while the first delivery is in flight").isEqualTo(2);
            assertThat(fixture.sender.messageIds()).containsExactly(queued.get(0).messageId(), queued.get(2).messageId(),
                    queued.get(3).messageId());

            fixture.sender.release();
            assertThat(inFlight.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            worker.shutdownNow();
        }
        assertThat(attemptAll()).isEqualTo(1);
        assertThat(fixture.sender.messageIds()).hasSize(4).doesNotHaveDuplicates().endsWith(queued.get(1).messageId());
    }

    @Test
    void workersAttemptingAtOnceSendEachDeliveryOnceAndEachSessionsInOrder() throws Exception {
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(session());
        }
        sessions.forEach(this::event);
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
    void failedAttemptsAreRetriedAfterTheBackoffScheduleAndEachIsRecorded() {
        session();
        fixture.handle();
        String messageId = fixture.deliveries(webhook).get(0).messageId();
        fixture.sender.answer(500, 502, 503);

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(fixture.deliveries.attemptNext()).isTrue();
            Delivery delivery = fixture.delivery(messageId);
            assertThat(delivery.state()).isEqualTo("pending");
            assertThat(delivery.attempts()).isEqualTo(attempt);
            waits.add(Duration.between(attemptedAt(delivery, attempt), delivery.nextAttemptAt()));
            assertThat(fixture.deliveries.attemptNext()).as("nothing is due before the backoff passed").isFalse();
            fixture.backoffPassed();
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(fixture.deliveries.attemptNext()).isTrue();
        assertThat(fixture.delivery(messageId).state()).isEqualTo("delivered");
        assertThat(fixture.sender.messageIds()).containsOnly(messageId).hasSize(4);
        assertThat(fixture.jdbc.sql("""
                SELECT coalesce(status_code, 0) || ' ' || coalesce(error, '-') FROM webhook_attempts a
                JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.message_id = :id ORDER BY attempt""")
                .param("id", messageId).query(String.class).list())
                .containsExactly("500 HTTP 500", "502 HTTP 502", "503 HTTP 503", "204 -");
    }

    @Test
    void afterTheLastAttemptTheDeliveryFailsTheWebhookFailsAndTheSessionsNextDeliveryGoesOn() {
        session();
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);
        fixture.sender.answer(500, 500, 500, 500);

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(fixture.failing(webhook)).as("failing before attempt %s", attempt).isFalse();
            assertThat(fixture.deliveries.attemptNext()).isTrue();
            fixture.backoffPassed();
        }

        Delivery given = fixture.delivery(queued.get(0).messageId());
        assertThat(given.state()).isEqualTo("failed");
        assertThat(given.attempts()).isEqualTo(4);
        assertThat(fixture.failing(webhook)).isTrue();
        assertThat(fixture.deliveries.attemptNext()).isTrue();
        assertThat(fixture.sender.messageIds()).hasSize(5).endsWith(queued.get(1).messageId());
        assertThat(fixture.deliveries.attemptNext()).as("a failed delivery is not attempted again").isFalse();
    }

    @Test
    void anInactiveWebhooksDeliveriesWaitUntilItIsActiveAgain() {
        session();
        fixture.handle();
        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), false));
        fixture.handle();

        assertThat(fixture.deliveries.attemptNext()).isFalse();

        fixture.store("Webhook", webhook, new WebhookUpdatedEvent(webhook, OutboxFixture.URL, List.of(), true));
        fixture.handle();
        assertThat(attemptAll()).isEqualTo(2);
    }

    @Test
    void aDeliveryWhoseSecretWasDestroyedIsNotSentAndSaysWhy() {
        session();
        fixture.handle();
        String messageId = fixture.deliveries(webhook).get(0).messageId();
        fixture.vault.shredSecret(webhook);

        assertThat(fixture.deliveries.attemptNext()).isTrue();

        assertThat(fixture.sender.sent()).isEmpty();
        assertThat(fixture.delivery(messageId).attempts()).isEqualTo(1);
        assertThat(fixture.jdbc.sql("SELECT a.error FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id "
                + "WHERE d.message_id = :id").param("id", messageId).query(String.class).single())
                .isEqualTo("The webhook's signing secret was destroyed");
    }

    /** A new session in the webhook's space, created with one message: two deliveries. */
    private UUID session() {
        UUID session = UUID.randomUUID();
        fixture.session(session, new SessionCreatedEvent(session, null, space, "image", Map.of()));
        event(session);
        return session;
    }

    private void event(UUID session) {
        fixture.session(session, new MessagePostedEvent(session, UUID.randomUUID(), 1, MessageRole.USER, "hi", Map.of()));
    }

    /** Attempts due deliveries until none is left; returns how many were attempted. */
    private int attemptAll() {
        int attempted = 0;
        while (fixture.deliveries.attemptNext()) {
            attempted++;
        }
        return attempted;
    }

    private List<String> states() {
        return fixture.deliveries(webhook).stream().map(Delivery::state).toList();
    }

    private long pending() {
        return fixture.jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'").query(Long.class).single();
    }

    private Instant attemptedAt(Delivery delivery, int attempt) {
        return SqlTime.toInstant(fixture.jdbc.sql("SELECT attempted_at FROM webhook_attempts WHERE delivery_id = :id AND attempt = :n")
                .param("id", delivery.id()).param("n", attempt).query(Timestamp.class).single());
    }
}
