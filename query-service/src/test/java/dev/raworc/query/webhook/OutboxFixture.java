package dev.raworc.query.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.secret.SecretValue;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.webhook.WebhookProperties;
import dev.raworc.query.TestEventWire;

/**
 * The outbox and the delivery side on the test database, fed from an event log of their own as
 * their processor feeds them: each stored event once, in log order, with its tracking token. The
 * outbox tables start empty, as the outbox matches every subscription and a claim takes any due
 * delivery, whichever test wrote them.
 */
final class OutboxFixture implements AutoCloseable {

    /** A signing secret in the form the command side makes them. */
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("32 bytes of a test signing key..".getBytes());
    static final String URL = "https://hooks.example.com/raworc";

    /** One row of {@code webhook_deliveries}. */
    record Delivery(long id, long origin, long position, String messageId, UUID sessionId, String eventType,
                    String state, int attempts, Instant nextAttemptAt, String body) {
    }

    final JdbcClient jdbc = TestDatabase.jdbc();
    final SecretVault vault = TestVault.vault();
    final ScriptedSender sender;
    final Deliveries deliveries;
    private final InMemoryEventStorageEngine log = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(log).build();
    private final AnnotationEventHandlerAdapter outbox;
    private final Map<String, Long> sequences = new HashMap<>();
    private TrackingToken handled;

    OutboxFixture(WebhookProperties properties) {
        jdbc.sql("DELETE FROM webhook_deliveries").update();
        jdbc.sql("DELETE FROM webhook_subscriptions").update();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
        sender = new ScriptedSender(properties);
        deliveries = new Deliveries(jdbc, transactions, vault, sender, properties);
        OutboxRows rows = new OutboxRows(jdbc, new SessionSpaces(jdbc, events), TestEventWire.create(),
                new DeliveryWorker(deliveries, properties));
        outbox = new AnnotationEventHandlerAdapter(new WebhookOutbox(jdbc, events, rows));
    }

    /** Retries wait 10 s, 30 s, then 60 s (the cap); a delivery gets 4 attempts. */
    static WebhookProperties properties() {
        return new WebhookProperties(false, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
                Duration.ofSeconds(60), 4, Duration.ofSeconds(1), 1);
    }

    /** A new webhook, handed to the outbox: in a space or ({@code null}) global, for these types (none: all). */
    UUID webhook(String space, String... types) {
        UUID id = UUID.randomUUID();
        store("Webhook", id, new WebhookCreatedEvent(id, URL, List.of(types), space,
                vault.seal(id, "(webhooks)", new SecretValue(SECRET))));
        handle();
        return id;
    }

    /** Stores an event of the aggregate, next in its sequence; returns its global position. */
    long store(String type, UUID aggregate, Object payload) {
        long seq = sequences.merge(aggregate.toString(), 1L, Long::sum) - 1;
        log.appendEvents(List.of(new GenericDomainEventMessage<>(type, aggregate.toString(), seq, payload)));
        return log.createHeadToken().position().orElseThrow();
    }

    long session(UUID session, Object payload) {
        return store("Session", session, payload);
    }

    long created(UUID session, String space) {
        return session(session, new SessionCreatedEvent(session, "session-" + session, space, "image", Map.of()));
    }

    long posted(UUID session) {
        return session(session, new MessagePostedEvent(session, UUID.randomUUID(), 1, MessageRole.USER, "hi", Map.of()));
    }

    /** A new session in the space, created with one message: two events. */
    UUID sessionWithMessage(String space) {
        UUID session = UUID.randomUUID();
        created(session, space);
        posted(session);
        return session;
    }

    /** Attempts due deliveries until none is left; returns how many were attempted. */
    int attemptAll() {
        int attempted = 0;
        while (deliveries.attemptNext()) {
            attempted++;
        }
        return attempted;
    }

    /** Hands the outbox every event stored since it was last handed some. */
    void handle() {
        try (Stream<? extends TrackedEventMessage<?>> stored = log.readEvents(handled, false)) {
            for (TrackedEventMessage<?> event : stored.toList()) {
                outbox.handle(event);
                handled = event.trackingToken();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The outbox failed", e);
        }
    }

    /** Hands the outbox the events from {@code position} on again, as a processor may after a crash. */
    void handleAgainFrom(long position) {
        handled = position == 0 ? null : new GlobalSequenceTrackingToken(position - 1);
        handle();
    }

    /** The outbox never sees the events stored so far, as if it had started after them. */
    void skipToHead() {
        handled = log.createHeadToken();
    }

    /** The webhook's deliveries, in the order their ids give them. */
    List<Delivery> deliveries(UUID webhook) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE webhook_id = :id ORDER BY id").param("id", webhook)
                .query(OutboxFixture::delivery).list();
    }

    Delivery delivery(String messageId) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE message_id = :id").param("id", messageId)
                .query(OutboxFixture::delivery).single();
    }

    /** Brings every pending delivery's next attempt to now, as if its backoff had passed. */
    void backoffPassed() {
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE state = 'pending'").update();
    }

    boolean failing(UUID webhook) {
        return jdbc.sql("SELECT failing FROM webhook_subscriptions WHERE id = :id").param("id", webhook)
                .query(Boolean.class).single();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("origin"), rs.getLong("position"), rs.getString("message_id"),
                rs.getObject("session_id", UUID.class), rs.getString("event_type"), rs.getString("state"),
                rs.getInt("attempts"), SqlTime.toInstant(rs.getTimestamp("next_attempt_at")), rs.getString("body"));
    }

    @Override
    public void close() {
        events.shutDown();
    }
}
