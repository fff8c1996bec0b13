package dev.raworc.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Drops the gaps of a tracking token that have waited longer than the gap timeout: global indexes
 * taken by transactions that rolled back or died in a crash, which will never fill. Axon's engine
 * does the same, by the same rule, but only once a token holds more than 250 gaps; until then a
 * few dead gaps stay in every token for the next 10 000 events. Here they go within the timeout
 * whatever their number, at the cost of one small query at most once per {@link #period}.
 */
final class TimedOutGaps {

    /** An event stored in the range of a token's gaps. */
    record StoredEvent(long globalIndex, Instant time) {
    }

    private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);

    private final Duration timeout;
    private final long period;
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

    TimedOutGaps(Duration timeout) {
        this.timeout = timeout;
        this.period = Math.min(timeout.toNanos(), LONGEST_PERIOD.toNanos());
    }

    /**
     * @param eventsAround the stored events from the token's first gap to just after its last
     * @return the token without its timed-out gaps, or the token itself when none timed out or the
     *         last check was too recent
     */
    TrackingToken dropFrom(TrackingToken token, Function<SortedSet<Long>, List<StoredEvent>> eventsAround) {
        if (!(token instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty() || !checkDue()) {
            return token;
        }
        SortedSet<Long> gaps = gapAware.getGaps();
        Instant timedOut = GenericEventMessage.clock.instant().minus(timeout);
        GapAwareTrackingToken cleaned = gapAware;
        for (StoredEvent event : eventsAround.apply(gaps).stream().sorted(Comparator.comparingLong(StoredEvent::globalIndex)).toList()) {
            // a gap that filled, or an event recent enough for the gap before it to fill still, ends the cleaning
            if (gaps.contains(event.globalIndex()) || event.time().isAfter(timedOut)) {
                break;
            }
            if (gaps.contains(event.globalIndex() - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(event.globalIndex());
            }
        }
        return cleaned;
    }

    private boolean checkDue() {
        long now = System.nanoTime();
        long next = nextCheck.get();
        return now - next >= 0 && nextCheck.compareAndSet(next, now + period);
    }
}
