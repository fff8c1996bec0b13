package dev.raworc.platform.axon;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;

/**
 * Told by every tracking processor each time it moves on (positions included), so that
 * {@link ProjectionCatchUp} sleeps until something changed instead of polling the processors.
 */
final class ProcessorProgress implements EventTrackerStatusChangeListener {

    private long changes;

    @Override
    public synchronized void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
        changes++;
        notifyAll();
    }

    @Override
    public boolean validatePositions() {
        return true;
    }

    synchronized long changes() {
        return changes;
    }

    /** Returns when a change after {@code seen} was reported or the wait is over, whichever comes first. */
    synchronized void awaitChangeAfter(long seen, long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        for (long left = maxNanos; changes == seen && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
