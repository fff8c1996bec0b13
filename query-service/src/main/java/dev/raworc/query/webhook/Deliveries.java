package dev.raworc.query.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.secret.SealedValue;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.webhook.WebhookProperties;

/**
 * Sends one due delivery and settles it, in one transaction that holds the delivery's row: several
 * workers, in one process or many, never send the same delivery at once ({@code SKIP LOCKED}).
 * Only the oldest pending delivery of a (webhook, session) is due, so a session's events arrive in
 * order; a delivery that failed waits, with the ones behind it, for its next attempt.
 */
@Component
class Deliveries {

    private record Claimed(long id, UUID webhookId, String messageId, String body, int attempts, String url,
                           SealedValue secret) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecretVault vault;
    private final WebhookSender sender;
    private final WebhookProperties properties;

    Deliveries(JdbcClient jdbc, TransactionTemplate transactions, SecretVault vault, WebhookSender sender,
               WebhookProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.vault = vault;
        this.sender = sender;
        this.properties = properties;
    }

    /** @return whether a delivery was due (and so was attempted): call again at once if so */
    boolean attemptNext() {
        return Boolean.TRUE.equals(transactions.execute(status -> claim().map(claimed -> {
            settle(claimed, attempt(claimed));
            return true;
        }).orElse(false)));
    }

    private Optional<Claimed> claim() {
        return jdbc.sql("""
                SELECT d.id, d.webhook_id, d.message_id, d.body, d.attempts, s.url, s.key_id, s.nonce, s.ciphertext
                FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.webhook_id
                WHERE d.state = 'pending' AND s.active AND d.next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                  WHERE e.webhook_id = d.webhook_id AND e.session_id = d.session_id
                                    AND e.state = 'pending' AND e.id < d.id)
                ORDER BY d.id
                LIMIT 1
                FOR UPDATE OF d SKIP LOCKED""")
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getObject("webhook_id", UUID.class),
                        rs.getString("message_id"), rs.getString("body"), rs.getInt("attempts"), rs.getString("url"),
                        new SealedValue(rs.getObject("key_id", UUID.class), rs.getString("nonce"), rs.getString("ciphertext"))))
                .optional();
    }

    private WebhookSender.Outcome attempt(Claimed claimed) {
        Optional<String> secret = vault.open(claimed.webhookId(), claimed.secret());
        if (secret.isEmpty()) {
            return new WebhookSender.Outcome(null, 0, "The webhook's signing secret was destroyed");
        }
        try {
            return sender.send(claimed.url(), secret.get(), claimed.messageId(), claimed.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // rolls the claim back: the delivery stays due, as if never attempted
            throw new IllegalStateException("Stopped during a webhook delivery", e);
        }
    }

    private void settle(Claimed claimed, WebhookSender.Outcome outcome) {
        int attempts = claimed.attempts() + 1;
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
                VALUES (:id, :attempt, :at, :status, :latency, :error)""")
                .param("id", claimed.id()).param("attempt", attempts).param("at", SqlTime.of(now))
                .param("status", outcome.statusCode()).param("latency", outcome.latencyMs()).param("error", outcome.error())
                .update();
        boolean givenUp = !outcome.delivered() && attempts >= properties.maxAttempts();
        String state = outcome.delivered() ? "delivered" : givenUp ? "failed" : "pending";
        Timestamp next = SqlTime.of(now.plus(properties.backoffAfter(attempts)));
        jdbc.sql("UPDATE webhook_deliveries SET state = :state, attempts = :attempts, next_attempt_at = :next WHERE id = :id")
                .param("id", claimed.id()).param("state", state).param("attempts", attempts).param("next", next)
                .update();
        if (outcome.delivered() || givenUp) {
            jdbc.sql("UPDATE webhook_subscriptions SET failing = :failing WHERE id = :id")
                    .param("id", claimed.webhookId()).param("failing", givenUp).update();
        }
    }
}
