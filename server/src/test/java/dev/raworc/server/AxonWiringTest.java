package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The event store, serializers and processors are the ones the architecture asks for. */
class AxonWiringTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    @Autowired
    Serializer serializer;

    @Autowired
    org.axonframework.common.transaction.TransactionManager transactionManager;

    @Autowired
    EventStore eventStore;

    /** Claims and credentials commit with the events, and projections with their tokens, only in a real transaction. */
    @Test
    void commandsAndProjectionsRunInDatabaseTransactions() {
        assertThat(transactionManager).isInstanceOf(org.axonframework.spring.messaging.unitofwork.SpringTransactionManager.class);
    }

    /** The event store's commits wait for the disk; the processors' derived writes need not (they replay). */
    @Test
    void onlyTheEventStoresCommitsWaitForTheDisk() {
        assertThat(transactionManager.fetchInTransaction(this::synchronousCommit)).isEqualTo("on");
        processing.eventProcessors().keySet().forEach(name -> assertThat(
                processing.transactionManager(name).fetchInTransaction(this::synchronousCommit)).as(name).isEqualTo("off"));
    }

    private String synchronousCommit() {
        return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    }

    @Test
    void eventsGoToTheJdbcStoreAsJackson3Json() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventSerializer).isInstanceOf(Jackson3Serializer.class);
        assertThat(messageSerializer).isInstanceOf(Jackson3Serializer.class);
        assertThat(serializer).isInstanceOf(Jackson3Serializer.class);
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE payload_type LIKE '%ServiceAccountCreatedEvent' LIMIT 1").query(String.class).single();
        assertThat(ApiClient.JSON.readTree(payload).get("user").asString()).isEqualTo("admin");
    }

    @Test
    void projectionsRunOnTrackingProcessorsThatRetryFailures() {
        assertThat(processing.eventProcessors()).containsKeys("catalog", "messages");
        processing.eventProcessors().forEach((name, processor) -> {
            assertThat(processor).as(name).isInstanceOf(TrackingEventProcessor.class);
            assertThat(processing.listenerInvocationErrorHandler(name)).as(name)
                    .isInstanceOf(PropagatingErrorHandler.class);
        });
    }

    /** A replay starts on a replay token, which Jackson 3 must be allowed to read back. */
    @Test
    void readModelsRebuildFromTheEventLog() {
        adminToken();
        awaitProjections();
        String before = serviceAccounts();
        TrackingEventProcessor processor = processing.eventProcessor("catalog", TrackingEventProcessor.class)
                .orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        awaitProjections();
        assertThat(processor.isError()).isFalse();
        assertThat(serviceAccounts()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT token_type FROM token_entry WHERE processor_name = 'catalog'")
                .query(String.class).single()).contains("ReplayToken");
    }

    /**
     * The webhook outbox's deliveries are side effects: history from before its first start has no
     * webhook to go to, so it starts at the head (not on Axon's default replay of the whole log),
     * and a rebuild must not send anything twice, so it refuses a reset.
     */
    @Test
    void theWebhookOutboxStartsAtTheHeadAndRefusesAReplay() {
        TrackingEventProcessor outbox = processing.eventProcessor("webhook-outbox", TrackingEventProcessor.class)
                .orElseThrow();
        assertThat(outbox.supportsReset()).isFalse();
        OptionalLong head;
        outbox.shutDown();
        try {
            assertThatThrownBy(outbox::resetTokens).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("do not support a reset");
            // as before its first start: no token yet
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = 'webhook-outbox'").update();
            head = eventStore.createHeadToken().position();
        } finally {
            outbox.start();
        }

        Eventually.await(Duration.ofSeconds(10), "the outbox claims its segment",
                () -> outbox.processingStatus().values().stream().anyMatch(status -> status.getTrackingToken() != null));
        EventTrackerStatus status = outbox.processingStatus().get(0);
        assertThat(head).isPresent();
        assertThat(status.isReplaying()).isFalse();
        assertThat(status.getTrackingToken().position()).isEqualTo(head);
        assertThat(outbox.isError()).isFalse();
    }

    private String serviceAccounts() {
        return jdbc.sql("SELECT string_agg(t::text, ',' ORDER BY id) FROM service_accounts t").query(String.class).single();
    }
}
