package dev.raworc.query.stream;

import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * Where a stream is in the event log: the global index of the last event it sent, then, after a
 * colon, lower indexes whose transactions had not committed yet ({@code 1260} or
 * {@code 1260:1255,1257}). Resuming from it sends those too once they commit: no gap, no duplicate.
 */
record StreamPosition(long index, SortedSet<Long> pending) {

    static StreamPosition of(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return new StreamPosition(gapAware.getIndex(), gapAware.getGaps());
        }
        return new StreamPosition(token.position().orElse(-1), new TreeSet<>());
    }

    /** @throws ApiException (400) unless the text is a position this class wrote */
    static StreamPosition parse(String text) {
        try {
            String[] parts = text.trim().split(":", 2);
            long index = Long.parseLong(parts[0]);
            SortedSet<Long> pending = new TreeSet<>();
            if (parts.length == 2 && !parts[1].isEmpty()) {
                Arrays.stream(parts[1].split(",")).map(Long::parseLong).forEach(pending::add);
            }
            if (index < -1 || pending.stream().anyMatch(gap -> gap < 0 || gap >= index)) {
                throw new NumberFormatException();
            }
            return new StreamPosition(index, pending);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "A stream position is an event's position as a stream's 'id:' "
                    + "gave it (e.g. 1260, or 1260:1255,1257), or -1 for the start of the log");
        }
    }

    TrackingToken token() {
        return index < 0 ? null : GapAwareTrackingToken.newInstance(index, pending);
    }

    @Override
    public String toString() {
        return pending.isEmpty() ? Long.toString(index)
                : index + ":" + pending.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
