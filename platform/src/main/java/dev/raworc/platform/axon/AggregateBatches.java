package dev.raworc.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's read of an aggregate's events, batch by batch, with each batch also ending after the
 * event that brings its payloads to 8 MiB: a session of messages near 1 MiB would otherwise come
 * back 100 at a time, more than a small heap holds. Axon's JDBC engine reads on until a batch is
 * empty, so a batch that ends early is followed by the next.
 */
final class AggregateBatches {

    static final long BYTES_PER_BATCH = 8L << 20;

    private AggregateBatches() {
    }

    static PreparedStatement read(Connection connection, EventSchema schema, String aggregateIdentifier,
                                  long firstSequenceNumber, int batchSize) throws SQLException {
        String sequence = schema.sequenceNumberColumn();
        String payload = schema.payloadColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM (SELECT " + schema.trackedEventFields()
                + ", sum(octet_length(" + payload + ")) OVER (ORDER BY " + sequence + ") AS batch_bytes FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + sequence
                + " >= ? AND " + sequence + " < ?) batch WHERE batch_bytes - octet_length(" + payload + ") < ? ORDER BY "
                + sequence);
        statement.setString(1, aggregateIdentifier);
        statement.setLong(2, firstSequenceNumber);
        statement.setLong(3, firstSequenceNumber + batchSize);
        statement.setLong(4, BYTES_PER_BATCH);
        return statement;
    }
}
