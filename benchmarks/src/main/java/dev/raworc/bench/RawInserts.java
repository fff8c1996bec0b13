package dev.raworc.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * Single-row inserts of an event-sized row, one transaction each, into a table of the event
 * table's shape in the server's PostgreSQL: the limit a message post is measured against. Each
 * client has a connection of its own; the table is dropped on close.
 */
final class RawInserts implements AutoCloseable {

    private static final byte[] META_DATA = "{\"principal\":\"admin\"}".getBytes(StandardCharsets.UTF_8);

    private final String jdbcUrl;
    private final Connection[] connections;
    private final PreparedStatement[] inserts;
    private final long[] nextSequence;
    private final byte[] payload = ("{\"sessionId\":\"" + UUID.randomUUID() + "\",\"content\":\"" + "x".repeat(200) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    RawInserts(String jdbcUrl, int clients) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        // the event table's shape, with a sequence of its own so the server's events keep theirs
        execute("""
                CREATE TABLE IF NOT EXISTS bench_raw_event (
                    global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                    sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL UNIQUE,
                    meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                    payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                    UNIQUE (aggregate_identifier, sequence_number))""");
        connections = new Connection[clients];
        inserts = new PreparedStatement[clients];
        nextSequence = new long[clients];
        for (int c = 0; c < clients; c++) {
            connections[c] = DriverManager.getConnection(jdbcUrl);
            connections[c].setAutoCommit(true);
            inserts[c] = connections[c].prepareStatement("INSERT INTO bench_raw_event (aggregate_identifier, sequence_number, "
                    + "event_identifier, payload_type, payload, meta_data, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?)");
        }
    }

    /** One insert on the client's own connection, as the next event of the client's own aggregate. */
    void insert(int client) throws SQLException {
        PreparedStatement insert = inserts[client];
        insert.setString(1, "bench-" + client);
        insert.setLong(2, nextSequence[client]++);
        insert.setString(3, UUID.randomUUID().toString());
        insert.setString(4, "dev.raworc.api.session.MessagePostedEvent");
        insert.setBytes(5, payload);
        insert.setBytes(6, META_DATA);
        insert.setString(7, Instant.now().toString());
        insert.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
        execute("DROP TABLE IF EXISTS bench_raw_event");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
