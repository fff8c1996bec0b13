package dev.raworc.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC engine, reading each event's time once and fast (see {@link EventTimestamps}): its
 * own entries parse the stored text every time they are asked, and a tracked read asks twice.
 * The gap rules are Axon's, set here explicitly because the tracked read below applies them
 * itself, except that gaps that timed out are dropped whatever their number ({@link TimedOutGaps}).
 * Appends are Axon's, but note the global indexes the table gave the new events
 * ({@link AppendedEvents}). An aggregate's events are read in batches of bounded bytes ({@link AggregateBatches}).
 */
final class EventTableStorageEngine extends JdbcEventStorageEngine {

    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    /** How far behind the newest event a missing one is still waited for. */
    private static final int MAX_GAP_OFFSET = 10_000;

    private final TransactionManager transactions;
    /** How long a missing event is waited for (a transaction that has not committed yet). */
    private final Duration gapTimeout;
    private final TimedOutGaps timedOutGaps;

    private EventTableStorageEngine(Builder builder, TransactionManager transactions, Duration gapTimeout) {
        super(builder);
        this.transactions = transactions;
        this.gapTimeout = gapTimeout;
        this.timedOutGaps = new TimedOutGaps(gapTimeout);
    }

    static EventTableStorageEngine build(Builder builder, TransactionManager transactions, Duration gapTimeout) {
        return new EventTableStorageEngine(builder.transactionManager(transactions).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET).gapTimeout((int) gapTimeout.toMillis())
                .readEventDataForAggregate(AggregateBatches::read), transactions, gapTimeout);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        EventSchema schema = schema();
        String insert = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)";
        transactions.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = connection.prepareStatement(insert, new String[] {schema.globalIndexColumn()})) {
                for (EventMessage<?> event : events) {
                    addRow(statement, event, serializer);
                }
                statement.executeBatch();
                try (ResultSet indexes = statement.getGeneratedKeys()) {
                    while (indexes.next()) {
                        AppendedEvents.appended(indexes.getLong(1));
                    }
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /** The row of one event, in the columns and order of Axon's own append. */
    private void addRow(PreparedStatement statement, EventMessage<?> message, Serializer serializer) throws SQLException {
        // an event published outside an aggregate is stored under its own identifier, as Axon does
        DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domainEvent ? domainEvent
                : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
        // the table stores payloads and metadata as bytea (V1), Axon's default
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        statement.setString(1, event.getIdentifier());
        statement.setString(2, event.getAggregateIdentifier());
        statement.setLong(3, event.getSequenceNumber());
        statement.setString(4, event.getType());
        writeTimestamp(statement, 5, event.getTimestamp());
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setObject(8, payload.getData());
        statement.setObject(9, metaData.getData());
        statement.addBatch();
    }

    /**
     * The read that may block is the event store's producer (Axon's {@code EmbeddedEventStore}),
     * woken after every commit; it reads again at once whenever a read found events, so its reads
     * may end after a batch that was not full ({@link UntilShortBatch}). The other reads are Axon's.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        if (!mayBlock) {
            return super.readEventData(trackingToken, false);
        }
        return StreamSupport.stream(new UntilShortBatch(trackingToken, batchSize(),
                position -> fetchTrackedEvents(position, batchSize())), false);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return super.fetchTrackedEvents(timedOutGaps.dropFrom(lastToken, this::eventsAround), batchSize);
    }

    private List<TimedOutGaps.StoredEvent> eventsAround(SortedSet<Long> gaps) {
        EventSchema schema = schema();
        return transactions.fetchInTransaction(() -> JdbcUtils.executeQuery(getConnection(),
                connection -> JdbcEventStorageEngineStatements.cleanGaps(connection, schema, gaps),
                JdbcUtils.listResults(row -> new TimedOutGaps.StoredEvent(row.getLong(schema.globalIndexColumn()),
                        EventTimestamps.parse(row.getString(schema.timestampColumn())))),
                e -> new EventStoreException("Failed to read the events around the gaps " + gaps, e)));
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
        EventSchema schema = schema();
        long globalIndex = row.getLong(schema.globalIndexColumn());
        String eventIdentifier = row.getString(schema.eventIdentifierColumn());
        String aggregateIdentifier = row.getString(schema.aggregateIdentifierColumn());
        // an event published outside an aggregate is stored under its own identifier
        DomainEventData<?> event = entry(row, eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier);
        boolean missingMayStillCommit = event.getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        GapAwareTrackingToken token;
        if (previous == null) {
            token = GapAwareTrackingToken.newInstance(globalIndex, missingMayStillCommit
                    ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previous.advanceTo(globalIndex, missingMayStillCommit ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet row) throws SQLException {
        return entry(row, row.getString(schema().aggregateIdentifierColumn()));
    }

    private DomainEventData<?> entry(ResultSet row, String aggregateIdentifier) throws SQLException {
        EventSchema schema = schema();
        String storedTime = row.getString(schema.timestampColumn());
        return new ParsedTimeEntry<>(row.getString(schema.typeColumn()), aggregateIdentifier,
                row.getLong(schema.sequenceNumberColumn()), row.getString(schema.eventIdentifierColumn()),
                storedTime, EventTimestamps.parse(storedTime),
                row.getString(schema.payloadTypeColumn()), row.getString(schema.payloadRevisionColumn()),
                readPayload(row, schema.payloadColumn()), readPayload(row, schema.metaDataColumn()));
    }

    /** An event entry that parsed its time when it was read. */
    private static final class ParsedTimeEntry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        ParsedTimeEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                        String storedTime, Instant timestamp, String payloadType, String payloadRevision,
                        T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTime, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
