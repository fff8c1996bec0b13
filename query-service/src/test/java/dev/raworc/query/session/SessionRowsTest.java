package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.platform.testing.TestDatabase;

/**
 * A transaction's session-row changes are merged into one insert or update per session, and leave
 * every row and every state count exactly as applying the same events one at a time does.
 */
class SessionRowsTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final String SPACE = "rows-" + UUID.randomUUID().toString().substring(0, 8);

    /** One session's life touching every column the projection changes, in the order it happens. */
    private static final List<Function<UUID, Object>> LIFE = List.of(
            id -> new SessionCreatedEvent(id, "first-" + id, SPACE, "image", Map.of("a", 1)),
            id -> new SessionRenamedEvent(id, "second-" + id),
            id -> new SessionReadyEvent(id, "container-1"),
            id -> new SessionStateChangedEvent(id, SessionState.IDLE, SessionState.BUSY, null),
            id -> new MessagePostedEvent(id, UUID.nameUUIDFromBytes(("m1" + id).getBytes()), 1, MessageRole.USER, "hi", Map.of()),
            id -> new SessionStateChangedEvent(id, SessionState.BUSY, SessionState.IDLE, null),
            id -> new SessionMetadataChangedEvent(id, Map.of("b", 2)),
            id -> new SessionClosedEvent(id, SessionState.IDLE),
            id -> new SessionRestoredEvent(id, SessionState.CLOSED),
            id -> new SessionReadyEvent(id, "container-2"),
            id -> new MessagePostedEvent(id, UUID.nameUUIDFromBytes(("m2" + id).getBytes()), 2, MessageRole.AGENT, "ok", Map.of()),
            id -> new SessionStateChangedEvent(id, SessionState.IDLE, SessionState.ERRORED, "agent crashed"),
            id -> new SessionDeletedEvent(id, SPACE));

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final SessionReadModels projection = new SessionReadModels();

    @Test
    void everyPrefixOfALifeInOneTransactionEndsAsTheEventsOneByOne() {
        for (int length = 1; length <= LIFE.size(); length++) {
            UUID oneByOne = UUID.randomUUID();
            UUID batched = UUID.randomUUID();
            List<Function<UUID, Object>> events = LIFE.subList(0, length);
            apply(events, oneByOne);
            transactions.executeWithoutResult(status -> apply(events, batched));

            assertThat(row(batched)).as("after %d events", length).isEqualTo(row(oneByOne));
            assertThat(counts()).as("state counts after %d events", length).isEqualTo(countedRows());
        }
    }

    @Test
    void aLifeSplitOverTransactionsEndsAsTheEventsOneByOne() {
        UUID oneByOne = UUID.randomUUID();
        UUID split = UUID.randomUUID();
        apply(LIFE, oneByOne);
        for (int from = 0; from < LIFE.size(); from += 3) {
            int first = from;
            List<Function<UUID, Object>> part = LIFE.subList(from, Math.min(from + 3, LIFE.size()));
            transactions.executeWithoutResult(status -> apply(part, split, first));
        }

        assertThat(row(split)).isEqualTo(row(oneByOne));
        assertThat(counts()).isEqualTo(countedRows());
    }

    /** A new row takes its transaction's later changes; if the row was there already, they still apply. */
    @Test
    void eventsHandledAgainInOneTransactionEndAsTheEventsOneByOne() {
        for (int length = 1; length <= LIFE.size(); length++) {
            UUID oneByOne = UUID.randomUUID();
            UUID batched = UUID.randomUUID();
            List<Function<UUID, Object>> again = LIFE.subList(0, length);
            apply(LIFE, oneByOne);
            apply(again, oneByOne);
            transactions.executeWithoutResult(status -> apply(LIFE, batched));
            transactions.executeWithoutResult(status -> apply(again, batched));

            assertThat(row(batched)).as("after %d events again", length).isEqualTo(row(oneByOne));
            assertThat(counts()).as("state counts after %d events again", length).isEqualTo(countedRows());
        }
    }

    @Test
    void nothingIsWrittenBeforeTheTransactionCommitsOrWhenItRollsBack() {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            apply(LIFE.subList(0, 4), id);
            assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE id = :id").param("id", id).query(Long.class).single())
                    .as("seen from another connection before commit").isZero();
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(counts()).isEqualTo(countedRows());
    }

    private void apply(List<Function<UUID, Object>> events, UUID id) {
        apply(events, id, 0);
    }

    /** The n-th event of a life happens n seconds after the first. */
    private void apply(List<Function<UUID, Object>> events, UUID id, int first) {
        for (int i = 0; i < events.size(); i++) {
            projection.on(events.get(i).apply(id), AT.plusSeconds(first + i), "admin");
        }
    }

    /** Every column but the id, with names made comparable across the two sessions. */
    private Map<String, Object> row(UUID id) {
        Map<String, Object> row = jdbc.sql("""
                SELECT replace(name, :id, '') AS name, space, state, state_reason, created_by, image, container_id,
                       metadata::text AS metadata, created_at, updated_at, last_message_at, closed_at, deleted_at
                FROM sessions LEFT JOIN session_activity ON session_id = id WHERE id = CAST(:id AS uuid)""").param("id", id.toString()).query().singleRow();
        row.put("messages", jdbc.sql("SELECT count(*) FROM messages WHERE session_id = :id").param("id", id)
                .query(Long.class).single());
        return row;
    }

    private Map<String, Long> counts() {
        return jdbc.sql("SELECT state, sessions FROM session_counts WHERE space = :space AND sessions <> 0")
                .param("space", SPACE).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, Long> countedRows() {
        return jdbc.sql("SELECT state, count(*) FROM sessions WHERE space = :space AND deleted_at IS NULL GROUP BY state")
                .param("space", SPACE).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
