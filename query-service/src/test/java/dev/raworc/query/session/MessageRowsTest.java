package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.session.FindSessionQuery;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessageView;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.PageRequest;

/** The sessions projection batches message rows per transaction without reordering anything. */
class MessageRowsTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final SessionReadModels projection = new SessionReadModels();
    private final UUID id = UUID.randomUUID();

    @Test
    void aTransactionsMessagesAreWrittenWhenItCommitsWithTheLatestActivity() {
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 1);
            post(id, 2);
            assertThat(seqs(id)).as("batched until commit").isEmpty();
        });

        assertThat(seqs(id)).containsExactly(1L, 2L);
        assertThat(lastActivity(id)).isEqualTo(Timestamp.from(AT.plusSeconds(2)));
    }

    @Test
    void aClearInTheSameTransactionSeesTheMessagesBeforeItOnly() {
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 1);
            post(id, 2);
            projection.on(new MessagesClearedEvent(id, 2));
            post(id, 3);
        });

        assertThat(seqs(id)).containsExactly(3L);
    }

    @Test
    void aForkInTheSameTransactionCopiesTheParentsMessagesBeforeIt() {
        UUID child = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 1);
            projection.on(new SessionForkedEvent(child, id, 1L, true, false, null, "default", "image", Map.of(), null), AT, "admin");
            post(id, 2);
        });

        assertThat(seqs(child)).containsExactly(1L);
        assertThat(seqs(id)).containsExactly(1L, 2L);
    }

    @Test
    void aDeleteInTheSameTransactionRemovesTheMessagesBeforeIt() {
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 1);
            projection.on(new SessionDeletedEvent(id, "default"), AT);
        });

        assertThat(seqs(id)).isEmpty();
    }

    @Test
    void aRolledBackTransactionWritesNothingAndTheNextOneStillBatches() {
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 1);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            created(id);
            post(id, 2);
        });

        assertThat(seqs(id)).containsExactly(2L);
    }

    /** A batch carries every message exactly as posted, to the millisecond of its time. */
    @Test
    void messagesOfOneBatchArriveExactlyAsPosted() {
        List<String> contents = List.of("NULL", "", "say \"hi\", then {leave}", "back\\slash\nnew line", "ünïcödé ✓ 🚀");
        Map<String, Object> metadata = Map.of("quote", "\"", "nested", Map.of("list", List.of(1, "two", Map.of())));
        Instant at = Instant.parse("2026-12-01T23:59:59.123Z");
        transactions.executeWithoutResult(status -> {
            created(id);
            for (int i = 0; i < contents.size(); i++) {
                projection.on(new MessagePostedEvent(id, UUID.randomUUID(), i + 1, MessageRole.AGENT, contents.get(i), metadata),
                        at.plusNanos(456_789), null);
            }
        });

        List<MessageView> stored = new MessageViews(jdbc).list(id, null, null, new PageRequest(100, 0)).items();
        assertThat(stored).extracting(MessageView::content).containsExactlyElementsOf(contents);
        assertThat(stored).allSatisfy(message -> {
            assertThat(message.metadata()).isEqualTo(metadata);
            assertThat(message.createdAt()).isEqualTo(at);
            assertThat(message.createdBy()).isNull();
            assertThat(message.role()).isEqualTo("agent");
        });
    }

    /** Large messages go in several statements, none of them over the size a statement takes. */
    @Test
    void aBatchLargerThanOneStatementTakesIsWrittenWhole() {
        String large = "x".repeat(MessageRows.TEXT_PER_STATEMENT / 2);
        transactions.executeWithoutResult(status -> {
            created(id);
            for (int seq = 1; seq <= 5; seq++) {
                projection.on(new MessagePostedEvent(id, UUID.randomUUID(), seq, MessageRole.USER, seq + large, Map.of()),
                        AT.plusSeconds(seq), "admin");
            }
        });

        assertThat(seqs(id)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(jdbc.sql("SELECT sum(length(content)) FROM messages WHERE session_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(5L * (large.length() + 1));
    }

    /** An event handled twice in one batch (a retried batch) leaves the row the first made. */
    @Test
    void aMessageTwiceInOneBatchIsStoredOnce() {
        MessagePostedEvent posted = new MessagePostedEvent(id, UUID.randomUUID(), 1, MessageRole.USER, "once", Map.of());
        transactions.executeWithoutResult(status -> {
            created(id);
            projection.on(posted, AT, "admin");
            projection.on(posted, AT, "admin");
        });

        assertThat(seqs(id)).containsExactly(1L);
    }

    /** The two projections run apart: a session's messages may be projected before its row. */
    @Test
    void theLastActivityIsTheLatestMessageWhicheverProjectionRunsFirst() {
        MessageProjection messagesAlone = new MessageProjection(
                new NamedParameterJdbcTemplate(TestDatabase.dataSource()),
                new MessageNotifications(TestDatabase.dataSource(), new MessageWaiters()));
        MessagePostedEvent first = new MessagePostedEvent(id, UUID.randomUUID(), 1, MessageRole.USER, "m1", Map.of());
        messagesAlone.on(first, AT.plusSeconds(5), "admin");
        messagesAlone.on(new MessagePostedEvent(id, UUID.randomUUID(), 2, MessageRole.AGENT, "m2", Map.of()),
                AT.plusSeconds(9), null);
        messagesAlone.on(first, AT.plusSeconds(5), "admin");
        SessionViews sessions = new SessionViews(jdbc);
        UUID quiet = UUID.randomUUID();

        created(id);
        created(quiet);

        assertThat(sessions.handle(new FindSessionQuery(id)).orElseThrow().lastActivityAt()).isEqualTo(AT.plusSeconds(9));
        assertThat(sessions.handle(new FindSessionQuery(quiet)).orElseThrow().lastActivityAt())
                .as("a session without messages was last active when created").isEqualTo(AT);
    }

    private void created(UUID session) {
        projection.on(new SessionCreatedEvent(session, null, "default", "image", Map.of()), AT, "admin");
    }

    private void post(UUID session, long seq) {
        projection.on(new MessagePostedEvent(session, UUID.randomUUID(), seq, MessageRole.USER, "m" + seq, Map.of()),
                AT.plusSeconds(seq), "admin");
    }

    private List<Long> seqs(UUID session) {
        return jdbc.sql("SELECT seq FROM messages WHERE session_id = :id ORDER BY seq").param("id", session)
                .query(Long.class).list();
    }

    private Timestamp lastActivity(UUID session) {
        return jdbc.sql("SELECT last_message_at FROM session_activity WHERE session_id = :id").param("id", session)
                .query(Timestamp.class).single();
    }
}
