package dev.raworc.query.session;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows one transaction of the sessions projection writes, held until just before it commits: a
 * replay or a burst hands the projection up to a hundred events per transaction, and a few batches
 * instead of one round trip per change (or two) are what make rebuilds fast. Without a transaction
 * (direct calls) every change is written at once.
 */
final class PendingRows {

    private final SessionRows sessions;
    private final MessageRows messages;

    private PendingRows(NamedParameterJdbcTemplate jdbc, boolean immediate) {
        this.sessions = new SessionRows(jdbc.getJdbcOperations(), immediate);
        this.messages = new MessageRows(jdbc.getJdbcOperations(), immediate);
    }

    /** The pending rows of the current transaction, created and bound to it on first use. */
    static PendingRows of(NamedParameterJdbcTemplate jdbc) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new PendingRows(jdbc, true);
        }
        PendingRows rows = (PendingRows) TransactionSynchronizationManager.getResource(PendingRows.class);
        if (rows == null) {
            rows = new PendingRows(jdbc, false);
            TransactionSynchronizationManager.bindResource(PendingRows.class, rows);
            TransactionSynchronizationManager.registerSynchronization(rows.writtenBeforeCommit());
        }
        return rows;
    }

    SessionRows sessions() {
        return sessions;
    }

    MessageRows messages() {
        return messages;
    }

    private TransactionSynchronization writtenBeforeCommit() {
        return new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                sessions.writePending();
                messages.writePending();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResource(PendingRows.class);
            }
        };
    }
}
