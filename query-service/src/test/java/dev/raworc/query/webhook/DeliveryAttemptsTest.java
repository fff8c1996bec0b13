package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.webhook.OutboxFixture.Delivery;

/**
 * How an attempt settles a delivery: sent to the webhook with its secret, retried on the backoff
 * schedule, given up after the last attempt, which marks the webhook failing.
 */
class DeliveryAttemptsTest {

    private final OutboxFixture fixture = new OutboxFixture(OutboxFixture.properties());
    private final String space = "space-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID webhook = fixture.webhook(space);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anAttemptSendsTheOldestDueDeliveryToTheWebhookSignedWithItsSecret() {
        UUID first = fixture.sessionWithMessage(space);
        UUID second = fixture.sessionWithMessage(space);
        fixture.posted(first);
        fixture.handle();
        List<Delivery> queued = fixture.deliveries(webhook);

        assertThat(fixture.attemptAll()).isEqualTo(5);

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
    void failedAttemptsAreRetriedAfterTheBackoffScheduleAndEachIsRecorded() {
        fixture.sessionWithMessage(space);
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
        fixture.sessionWithMessage(space);
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
    void aDeliveryWhoseSecretWasDestroyedIsNotSentAndSaysWhy() {
        fixture.sessionWithMessage(space);
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

    private Instant attemptedAt(Delivery delivery, int attempt) {
        return SqlTime.toInstant(fixture.jdbc.sql("SELECT attempted_at FROM webhook_attempts WHERE delivery_id = :id AND attempt = :n")
                .param("id", delivery.id()).param("n", attempt).query(Timestamp.class).single());
    }
}
