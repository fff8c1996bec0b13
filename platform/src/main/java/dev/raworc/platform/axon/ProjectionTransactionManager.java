package dev.raworc.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event processors' transactions: committed without waiting for the disk. What they write is
 * derived from the event store, together with the token saying how far they got, in the same
 * transaction; a crash can only take back their last commits, and they handle those events again
 * (their handlers are idempotent). Only the event store's own commits must wait for the disk, and
 * with half a dozen processors each committing its position for every new event, waiting for the
 * disk there would multiply the cost of every write.
 */
final class ProjectionTransactionManager implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;

    ProjectionTransactionManager(TransactionManager delegate, JdbcTemplate jdbc) {
        this.delegate = delegate;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
