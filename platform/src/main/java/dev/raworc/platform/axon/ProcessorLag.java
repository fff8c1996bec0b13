package dev.raworc.platform.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far processing groups are behind the newest stored event. It reads their positions from the
 * token store, so every process gives the same answer whichever process runs a group (a rebuild's
 * replay included). A segment this process runs counts where its processor is, if that is further:
 * Axon skips events no handler of the group takes before the processor sees them, so during a
 * replay a stored token does not move past a stretch of such events. Answers of {@link #of} are
 * kept for a second: probes and scrapes ask often.
 */
@Component
public class ProcessorLag {

    /** Nothing handled yet: no token, or a token before the first event. */
    public static final long NOTHING_HANDLED = -1;

    private static final long KEEP_NANOS = Duration.ofSeconds(1).toNanos();

    /**
     * @param position the highest global index the group's slowest segment has handled
     * @param events   how many global indexes lie between that and the newest event
     * @param time     how long ago the oldest event the group has not handled was stored
     */
    public record Behind(String group, long position, long events, Duration time) {
    }

    private record Answer(long at, List<Behind> lag) {
    }

    private final StoredTokens tokens;
    private final LongSupplier head;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final BiFunction<String, Integer, TrackingToken> local;
    private final Map<List<String>, Answer> answers = new ConcurrentHashMap<>();

    @Autowired
    ProcessorLag(DataSource dataSource, Serializer serializer, EventStore eventStore,
                 ObjectProvider<EventProcessingConfiguration> processing) {
        this(new StoredTokens(dataSource, serializer), () -> head(eventStore), JdbcClient.create(dataSource), Clock.systemUTC(),
                (group, segment) -> localToken(processing.getIfAvailable(), group, segment));
    }

    ProcessorLag(StoredTokens tokens, LongSupplier head, JdbcClient jdbc, Clock clock) {
        this(tokens, head, jdbc, clock, (group, segment) -> null);
    }

    private ProcessorLag(StoredTokens tokens, LongSupplier head, JdbcClient jdbc, Clock clock,
                         BiFunction<String, Integer, TrackingToken> local) {
        this.tokens = tokens;
        this.head = head;
        this.jdbc = jdbc;
        this.clock = clock;
        this.local = local;
    }

    /** Where this process's processor of the group is in the segment, if it runs it. */
    private static TrackingToken localToken(EventProcessingConfiguration processing, String group, int segment) {
        if (processing == null) {
            return null;
        }
        EventTrackerStatus status = processing.eventProcessor(group, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().get(segment)).orElse(null);
        return status == null || status.isErrorState() ? null : status.getTrackingToken();
    }

    /** Each group's lag as measured within the last second; a group without stored tokens has handled nothing. */
    public List<Behind> of(Collection<String> groups) {
        List<String> key = groups.stream().sorted().distinct().toList();
        Answer kept = answers.get(key);
        if (kept != null && System.nanoTime() - kept.at() < KEEP_NANOS) {
            return kept.lag();
        }
        List<Behind> lag = measure(key);
        answers.put(key, new Answer(System.nanoTime(), lag));
        return lag;
    }

    /** Each group's lag now, for an answer that must agree with a state read just before (a rebuild's). */
    public List<Behind> now(Collection<String> groups) {
        return measure(groups.stream().sorted().distinct().toList());
    }

    private List<Behind> measure(List<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, Long> positions = new TreeMap<>();
        groups.forEach(group -> positions.put(group, Long.MAX_VALUE));
        for (StoredTokens.Segment segment : tokens.of(groups)) {
            long here = Math.max(position(segment.token()), position(local.apply(segment.group(), segment.segment())));
            positions.merge(segment.group(), here, Math::min);
        }
        long head = this.head.getAsLong();
        Instant now = clock.instant();
        return positions.entrySet().stream().map(entry -> {
            long position = entry.getValue() == Long.MAX_VALUE ? NOTHING_HANDLED : entry.getValue();
            long events = Math.max(0, head - position);
            return new Behind(entry.getKey(), position, events, events == 0 ? Duration.ZERO : since(position, now));
        }).toList();
    }

    private static long position(TrackingToken token) {
        TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return current == null ? NOTHING_HANDLED : current.position().orElse(NOTHING_HANDLED);
    }

    private static long head(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? NOTHING_HANDLED : head.position().orElse(NOTHING_HANDLED);
    }

    /** The age of the first stored event after the position; zero when the event table has none (Axon Server). */
    private Duration since(long position, Instant now) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > :position ORDER BY global_index LIMIT 1")
                .param("position", position)
                .query(String.class)
                .optional()
                .map(stored -> Duration.between(EventTimestamps.parse(stored), now))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }
}
