package dev.raworc.platform.axon;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The events after a position, batch by batch, ending after the first batch that was not full.
 * Axon's read goes on until a batch comes back empty, and its JDBC engine follows every empty
 * batch with a query that looks past a wide gap: two queries that find nothing at the end of
 * every read.
 */
final class UntilShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

    private final Function<TrackingToken, List<? extends TrackedEventData<?>>> fetchAfter;
    private final int batchSize;
    private TrackingToken position;
    private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
    private boolean lastBatchRead;

    UntilShortBatch(TrackingToken start, int batchSize,
                    Function<TrackingToken, List<? extends TrackedEventData<?>>> fetchAfter) {
        super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT);
        this.position = start;
        this.batchSize = batchSize;
        this.fetchAfter = fetchAfter;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
        if (!batch.hasNext()) {
            if (lastBatchRead) {
                return false;
            }
            List<? extends TrackedEventData<?>> fetched = fetchAfter.apply(position);
            lastBatchRead = fetched.size() < batchSize;
            batch = fetched.iterator();
            if (!batch.hasNext()) {
                return false;
            }
        }
        TrackedEventData<?> next = batch.next();
        position = next.trackingToken();
        action.accept(next);
        return true;
    }
}
