package dev.raworc.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A synthetic event store at scale, written straight into {@code domain_event_entry} with set-based
 * SQL: posting a million messages through the API would take hours. The rows have the exact form
 * the server writes (read back from a real server): Jackson JSON of the shared-api records as
 * bytea, the metadata Axon stores ({@code traceId}, {@code principal}, {@code correlationId}, in
 * that order; events of one command share their ids), millisecond UTC timestamps, aggregate type
 * {@code Session}, sequence numbers from 0, and the command side's {@code session-in-space} claim.
 *
 * <p>Each session tells a story the server could have written: created by {@code admin} in space
 * {@code default}, ready (the runner reports its container), a system prompt, then user messages
 * answered by the agent (the first one to the idle session makes it busy), then closed by
 * {@code admin}, so no runner ever wants a container for it.
 */
final class ScaleData {

    /** The generated sessions' ids, oldest first, how many events they hold, and the time spent writing them. */
    record Generated(List<UUID> sessions, int messagesPerSession, long events, Duration writing) {

        /** created, ready, the messages, busy after the first user message, closed */
        static int eventsPerSession(int messagesPerSession) {
            return messagesPerSession + 4;
        }
    }

    /** Called after each committed chunk of sessions, before the next one is written. */
    interface ChunkCommitted {
        void run() throws Exception;
    }

    /**
     * Sessions per transaction. Projections that follow the head of the store share one read-ahead
     * cache, which keeps every event a slow projection has not handled yet: a burst of a few
     * hundred thousand events fills a 512 MB heap (OutOfMemoryError in EmbeddedEventStore).
     * Chunks of ~28 000 events, each projected before the next is written, keep that bounded.
     */
    private static final int CHUNK = 2_000;

    private static final String SESSIONS = """
            CREATE TEMP TABLE scale_sessions (n INT PRIMARY KEY, id UUID NOT NULL, created_at TIMESTAMPTZ NOT NULL,
                                              container_id TEXT NOT NULL, busy_command UUID NOT NULL)""";

    // one session every (events per session) seconds, an event every second, ending an hour ago
    private static final String FILL_SESSIONS = """
            INSERT INTO scale_sessions
            SELECT n, gen_random_uuid(),
                   date_trunc('milliseconds', now()) - interval '1 hour' - make_interval(secs => (? - n + 1) * ?),
                   md5(random()::text) || md5(random()::text), gen_random_uuid()
            FROM generate_series(1, ?) AS n""";

    private static final String CLAIMS = """
            INSERT INTO name_claims (kind, name, owner_id)
            SELECT 'session-in-space', 'default/' || id, id FROM scale_sessions WHERE n BETWEEN ? AND ?""";

    // Sequence numbers: 0 created, 1 ready, 2 and 3 messages 1 and 2, 4 busy, then messages 3…m, then closed.
    // ORDER BY makes the global index follow each session's sequence, as the projections expect.
    private static final String EVENTS = """
            INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                            payload, payload_type, time_stamp)
            SELECT s.id::text, e.sequence_number, 'Session', gen_random_uuid()::text,
                   convert_to(format('{"traceId":"%1$s","principal":"%2$s","correlationId":"%1$s"}', e.command, e.principal),
                              'UTF8'),
                   convert_to(e.payload, 'UTF8'), 'dev.raworc.api.session.' || e.event,
                   to_char((s.created_at + make_interval(secs => e.sequence_number)) AT TIME ZONE 'UTC',
                           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            FROM scale_sessions s CROSS JOIN LATERAL (
                SELECT 0 AS sequence_number, 'SessionCreatedEvent' AS event, 'admin' AS principal, gen_random_uuid() AS command,
                       format('{"sessionId":"%s","name":null,"space":"default","image":"raworc-agent:latest","metadata":{}}',
                              s.id) AS payload
                UNION ALL
                SELECT 1, 'SessionReadyEvent', 'runner', gen_random_uuid(),
                       format('{"sessionId":"%s","containerId":"%s"}', s.id, s.container_id)
                UNION ALL
                SELECT m.sequence_number, 'MessagePostedEvent', m.principal,
                       CASE WHEN m.seq = 2 THEN s.busy_command ELSE gen_random_uuid() END,
                       format('{"sessionId":"%s","messageId":"%s","seq":%s,"role":"%s","content":%s,"metadata":%s}',
                              s.id, gen_random_uuid(), m.seq, m.role, to_json(m.content)::text, m.metadata)
                FROM (SELECT seq, CASE WHEN seq <= 2 THEN seq + 1 ELSE seq + 2 END AS sequence_number,
                             CASE WHEN seq = 1 THEN 'SYSTEM' WHEN seq % 2 = 0 THEN 'USER' ELSE 'AGENT' END AS role,
                             CASE WHEN seq > 1 AND seq % 2 = 1 THEN 'runner' ELSE 'admin' END AS principal,
                             CASE WHEN seq > 1 AND seq % 2 = 1
                                  THEN format('{"in_reply_to":%s,"exit_code":0,"duration_ms":%s,"error":false}',
                                              seq - 1, 200 + (s.n * 7 + seq * 13) % 5000)
                                  ELSE '{}' END AS metadata,
                             left(format('Message %s of session %s. ', seq, s.n) || repeat('The agent read the files, '
                                  || 'ran the tests and wrote down what changed, why, and what is still open. ', 4),
                                  100 + (s.n * 37 + seq * 101) % 201) AS content
                      FROM generate_series(1, ?) AS seq) m
                UNION ALL
                SELECT 4, 'SessionStateChangedEvent', 'admin', s.busy_command,
                       format('{"sessionId":"%s","from":"IDLE","to":"BUSY","reason":"message 2"}', s.id)
                UNION ALL
                SELECT ? + 3, 'SessionClosedEvent', 'admin', gen_random_uuid(),
                       format('{"sessionId":"%s","from":"BUSY"}', s.id)
            ) e
            WHERE s.n BETWEEN ? AND ?
            ORDER BY s.n, e.sequence_number""";

    private ScaleData() {
    }

    /** Writes the sessions and their events; {@code messagesPerSession} ≥ 2 so each has a user message. */
    static Generated generate(String jdbcUrl, int sessions, int messagesPerSession, ChunkCommitted afterEachChunk)
            throws Exception {
        if (messagesPerSession < 2) {
            throw new IllegalArgumentException("each session needs a system prompt and a user message");
        }
        long events = 0;
        long writing = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(SESSIONS);
            }
            update(connection, FILL_SESSIONS, sessions, Generated.eventsPerSession(messagesPerSession), sessions);
            connection.commit();
            for (int from = 1; from <= sessions; from += CHUNK) {
                int to = Math.min(sessions, from + CHUNK - 1);
                long started = System.nanoTime();
                update(connection, CLAIMS, from, to);
                events += update(connection, EVENTS, messagesPerSession, messagesPerSession, from, to);
                connection.commit();
                writing += System.nanoTime() - started;
                afterEachChunk.run();
            }
            return new Generated(ids(connection), messagesPerSession, events, Duration.ofNanos(writing));
        }
    }

    private static int update(Connection connection, String sql, int... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setInt(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static List<UUID> ids(Connection connection) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM scale_sessions ORDER BY n")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
