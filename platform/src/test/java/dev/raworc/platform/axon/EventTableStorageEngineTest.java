package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.testing.TestDatabase;

/** Our engine must read the event table exactly as Axon's own engine does, only faster. */
class EventTableStorageEngineTest {

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    private final EventStorageEngine ours = EventTableStorageEngine.build(builder(), NoTransactionManager.INSTANCE, GAP_TIMEOUT);
    private final EventStorageEngine axons = builder().build();

    static JdbcEventStorageEngine.Builder builder() {
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(new DataSourceConnectionProvider(TestDatabase.dataSource()))
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonConfiguration().eventSchema());
    }

    @Test
    void readsAnAggregatesEventsAndTheTrackedStreamAsAxonDoes() {
        String aggregate = UUID.randomUUID().toString();
        Instant written = Instant.parse("2026-03-04T05:06:07.089123Z");
        ours.appendEvents(event(aggregate, 0, written), event(aggregate, 1, written.plusSeconds(1)));

        List<? extends DomainEventMessage<?>> read = ours.readEvents(aggregate).asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getTimestamp)
                .containsExactly(written.truncatedTo(ChronoUnit.MILLIS), written.plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        assertThat(read).extracting(message -> (Object) message.getPayload()).containsExactly("event 0", "event 1");
        assertThat(read).extracting(message -> message.getMetaData().get("principal")).containsOnly("tester");
        assertThat(described(read)).isEqualTo(described(axons.readEvents(aggregate).asStream().toList()));
        assertThat(tracked(ours)).isEqualTo(tracked(axons));
    }

    @Test
    void notesTheGlobalIndexesItsAppendsWereGiven() {
        String aggregate = UUID.randomUUID().toString();
        AppendedEvents.forget();

        ours.appendEvents(event(aggregate, 0, Instant.now()), event(aggregate, 1, Instant.now()));

        long newest = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :aggregate AND sequence_number = 1")
                .param("aggregate", aggregate).query(Long.class).single();
        assertThat(AppendedEvents.newest()).hasValue(newest);
        AppendedEvents.forget();
        assertThat(AppendedEvents.newest()).isEmpty();
    }

    @Test
    void refusesAnEventAnAggregateAlreadyHasAsAxonDoes() {
        String aggregate = UUID.randomUUID().toString();
        ours.appendEvents(event(aggregate, 0, Instant.now()), event(aggregate, 1, Instant.now()));

        for (long sequence : new long[] {0, 1}) {
            Throwable axonsRefusal = catchThrowable(() -> axons.appendEvents(event(aggregate, sequence, Instant.now())));
            assertThat(axonsRefusal).isNotNull();
            assertThatThrownBy(() -> ours.appendEvents(event(aggregate, sequence, Instant.now())))
                    .isExactlyInstanceOf(axonsRefusal.getClass())
                    .hasMessageStartingWith(axonsRefusal.getMessage().substring(0, axonsRefusal.getMessage().indexOf('[')));
        }
    }

    @Test
    void aReadThatMayBlockEndsAfterABatchThatWasNotFull() {
        AtomicInteger ourQueries = new AtomicInteger();
        AtomicInteger axonsQueries = new AtomicInteger();
        EventStorageEngine oursCounted = EventTableStorageEngine.build(counted(ourQueries), NoTransactionManager.INSTANCE,
                GAP_TIMEOUT);
        EventStorageEngine axonsCounted = counted(axonsQueries).build();
        long before = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        String aggregate = UUID.randomUUID().toString();
        ours.appendEvents(event(aggregate, 0, Instant.now()), event(aggregate, 1, Instant.now()), event(aggregate, 2, Instant.now()));
        TrackingToken start = GapAwareTrackingToken.newInstance(before, Collections.emptySortedSet());

        List<String> read = trackedAfter(oursCounted, start);

        assertThat(read).hasSize(3).isEqualTo(trackedAfter(axonsCounted, start));
        assertThat(ourQueries).as("a full batch of two, then one event").hasValue(2);
        assertThat(axonsQueries.get()).isGreaterThan(ourQueries.get());
    }

    @Test
    void waitsForAMissingEventOnlyWhileItMayStillCommitAsAxonDoes() {
        String aggregate = UUID.randomUUID().toString();
        ours.appendEvents(event(aggregate, 0, Instant.now()));
        long last = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        // a recent event after a hole (a transaction still open), then an old one after another hole
        copyWithIndex(aggregate, 1, last + 2, Instant.now());
        copyWithIndex(aggregate, 2, last + 4, Instant.now().minusSeconds(3_600));
        jdbc.sql("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), :last)")
                .param("last", last + 4).query(Long.class).single();

        List<String> tokens = tracked(ours);

        assertThat(tokens).isEqualTo(tracked(axons));
        assertThat(tokenAt(ours, last + 2).getGaps()).contains(last + 1);
        assertThat(tokenAt(ours, last + 4).getGaps()).doesNotContain(last + 3);
    }

    @Test
    void dropsGapsThatTimedOutAsAxonsGapCleaningDoes() {
        long last = newAggregateAfterGaps(List.of(Instant.now().minusSeconds(3_600), Instant.now()), 3, 4);
        // two indexes that never committed (a crash), an old event after them, then a recent one
        TrackingToken withDeadGaps = GapAwareTrackingToken.newInstance(last + 3, new TreeSet<>(List.of(last + 1, last + 2)));
        // Axon cleans only tokens with more gaps than its threshold: at the lowest, more than one
        EventStorageEngine axonsCleaningAlways = builder().gapCleaningThreshold(1).build();

        List<String> positions = positionsAfter(ours, withDeadGaps);

        assertThat(positions).containsExactly((last + 4) + " []").isEqualTo(positionsAfter(axonsCleaningAlways, withDeadGaps));
        assertThat(positionsAfter(axons, withDeadGaps)).as("Axon's default keeps a few gaps")
                .containsExactly((last + 4) + " [" + (last + 1) + ", " + (last + 2) + "]");
    }

    @Test
    void dropsALoneGapThatTimedOutAndKeepsOneThatMayStillFill() {
        long last = newAggregateAfterGaps(List.of(Instant.now().minusSeconds(3_600), Instant.now(), Instant.now()), 2, 4, 5);
        // a gap before an old event (a rollback long ago), then one before a recent event (a transaction still open)
        TrackingToken withGaps = GapAwareTrackingToken.newInstance(last + 4, new TreeSet<>(List.of(last + 1, last + 3)));

        assertThat(positionsAfter(ours, withGaps)).containsExactly((last + 5) + " [" + (last + 3) + "]");
    }

    /**
     * Appends an aggregate's first event at the end of the table, then copies of it at the given
     * global indexes after it, with the given times.
     *
     * @return the global index of the first event
     */
    private long newAggregateAfterGaps(List<Instant> times, long... offsets) {
        String aggregate = UUID.randomUUID().toString();
        ours.appendEvents(event(aggregate, 0, Instant.now()));
        long last = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        for (int i = 0; i < offsets.length; i++) {
            copyWithIndex(aggregate, i + 1, last + offsets[i], times.get(i));
        }
        jdbc.sql("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), :last)")
                .param("last", last + offsets[offsets.length - 1]).query(Long.class).single();
        return last;
    }

    /** The index and gaps of the position after each event read from the start. */
    private static List<String> positionsAfter(EventStorageEngine engine, TrackingToken start) {
        try (var stream = engine.readEvents(start, false)) {
            return stream.map(message -> (GapAwareTrackingToken) message.trackingToken())
                    .map(token -> token.getIndex() + " " + token.getGaps()).toList();
        }
    }

    /** An engine reading two events per batch, counting the connections its statements take. */
    private static JdbcEventStorageEngine.Builder counted(AtomicInteger statements) {
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(TestDatabase.dataSource());
        return builder().batchSize(2).connectionProvider(() -> {
            statements.incrementAndGet();
            return connections.getConnection();
        });
    }

    private static List<String> trackedAfter(EventStorageEngine engine, TrackingToken start) {
        try (var stream = engine.readEvents(start, true)) {
            return stream.map(message -> message.trackingToken() + " " + describe(message)).toList();
        }
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, "event " + sequence,
                MetaData.with("principal", "tester"), UUID.randomUUID().toString(), at);
    }

    private void copyWithIndex(String aggregate, long sequence, long globalIndex, Instant at) {
        jdbc.sql("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_type, time_stamp)
                SELECT :index, aggregate_identifier, :sequence, type, :id, meta_data, payload, payload_type, :at
                FROM domain_event_entry WHERE aggregate_identifier = :aggregate AND sequence_number = 0""")
                .params(Map.of("index", globalIndex, "sequence", sequence, "id", UUID.randomUUID().toString(),
                        "at", org.axonframework.common.DateTimeUtils.formatInstant(at), "aggregate", aggregate))
                .update();
    }

    private static GapAwareTrackingToken tokenAt(EventStorageEngine engine, long globalIndex) {
        try (var stream = engine.readEvents(null, false)) {
            return stream.map(message -> (GapAwareTrackingToken) message.trackingToken())
                    .filter(token -> token.getIndex() == globalIndex).findFirst().orElseThrow();
        }
    }

    private static List<String> tracked(EventStorageEngine engine) {
        try (var stream = engine.readEvents(null, false)) {
            return stream.map(message -> message.trackingToken() + " " + describe(message)).toList();
        }
    }

    private static List<String> described(List<? extends DomainEventMessage<?>> events) {
        return events.stream().map(EventTableStorageEngineTest::describe).toList();
    }

    private static String describe(org.axonframework.eventhandling.EventMessage<?> message) {
        String domain = message instanceof DomainEventMessage<?> event
                ? event.getType() + " " + event.getAggregateIdentifier() + " " + event.getSequenceNumber() : "-";
        String tracked = message instanceof TrackedEventMessage<?> ? "tracked" : "";
        return String.join(" ", message.getIdentifier(), domain, tracked, message.getTimestamp().toString(),
                String.valueOf(message.getPayload()), message.getMetaData().toString());
    }
}
