package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;


import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
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

    private String serviceAccounts() {
        return jdbc.sql("SELECT string_agg(t::text, ',' ORDER BY id) FROM service_accounts t").query(String.class).single();
    }
}
