package dev.raworc.platform.axon;

import java.util.function.Supplier;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event store's transactions: appends and snapshots in a transaction (joining the command's),
 * reads without one of their own. A read is a single statement, which PostgreSQL runs in its own
 * snapshot anyway; an explicit transaction only added a commit round trip to every fetch, and the
 * processors fetch after every event (about two commits per message posted).
 */
final class WritesInTransaction implements TransactionManager {

    private final TransactionManager delegate;

    WritesInTransaction(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    /** Inside a command's transaction the read still uses its connection, so it sees its writes. */
    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
