package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import dev.raworc.platform.testing.TestDatabase;

/** An aggregate's events are read in batches of at most about 8 MiB of payloads, and all of them. */
class AggregateBatchesTest {

    private static final int MIB = 1 << 20;

    @Test
    void largeEventsAreReadInBatchesThatEndAtTheByteBudget() {
        AtomicInteger queries = new AtomicInteger();
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(TestDatabase.dataSource());
        EventStorageEngine engine = EventTableStorageEngine.build(EventTableStorageEngineTest.builder().connectionProvider(() -> {
            queries.incrementAndGet();
            return connections.getConnection();
        }), NoTransactionManager.INSTANCE, Duration.ofSeconds(60));
        String aggregate = UUID.randomUUID().toString();
        List<DomainEventMessage<String>> events = IntStream.range(0, 5).mapToObj(sequence ->
                (DomainEventMessage<String>) new GenericDomainEventMessage<>("Test", aggregate, sequence,
                        Integer.toString(sequence).repeat(3 * MIB))).toList();
        engine.appendEvents(events);
        queries.set(0);

        List<Object> read = engine.readEvents(aggregate, 0).asStream().map(event -> (Object) event.getPayload()).toList();

        assertThat(read).containsExactlyElementsOf(events.stream().map(DomainEventMessage::getPayload).toList());
        assertThat(queries).as("three events reach 8 MiB, then the other two, then an empty batch").hasValue(3);
    }
}
