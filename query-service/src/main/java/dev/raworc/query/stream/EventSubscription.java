package dev.raworc.query.stream;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.platform.access.CallerPermissions;
import dev.raworc.platform.stream.AgentOutputChunk;
import dev.raworc.query.EventWire;

/**
 * One open stream: follows the event log from its start position with a tracking stream of its own
 * (Axon's event store serves every stream near the head from one read), sends the events of its
 * scope, and at each heartbeat checks that its caller may still read them. Runs on a thread of
 * its own until the client leaves or its permission ends.
 */
final class EventSubscription implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

    private final SseEmitter emitter;
    private final EventStore eventStore;
    private final TrackingToken start;
    private final StreamScope scope;
    private final Supplier<Optional<CallerPermissions>> caller;
    private final EventWire wire;
    private final long heartbeatNanos;
    private volatile boolean closed;
    private volatile CallerPermissions permissions;

    EventSubscription(SseEmitter emitter, EventStore eventStore, TrackingToken start, StreamScope scope,
                      CallerPermissions permissions, Supplier<Optional<CallerPermissions>> caller, EventWire wire,
                      Duration heartbeat) {
        this.emitter = emitter;
        this.eventStore = eventStore;
        this.start = start;
        this.scope = scope;
        this.permissions = permissions;
        this.caller = caller;
        this.wire = wire;
        this.heartbeatNanos = heartbeat.toNanos();
        emitter.onCompletion(() -> closed = true);
        emitter.onTimeout(() -> closed = true);
        emitter.onError(error -> closed = true);
    }

    @Override
    public void run() {
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(start)) {
            long nextBeat = System.nanoTime() + heartbeatNanos;
            while (!closed) {
                long wait = Math.max(1, (nextBeat - System.nanoTime()) / 1_000_000);
                if (events.hasNextAvailable((int) Math.min(wait, Integer.MAX_VALUE), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    forward(events.nextAvailable());
                }
                if (System.nanoTime() - nextBeat >= 0) {
                    nextBeat = System.nanoTime() + heartbeatNanos;
                    beat();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            log.debug("Stream ended: {}", gone.getMessage());
        } catch (RuntimeException e) {
            log.warn("Stream failed", e);
            emitter.completeWithError(e);
        }
    }

    /** Agent output of a session in scope, from the listener's thread. */
    void output(AgentOutputChunk chunk) {
        if (closed || !scope.admits(chunk.sessionId(), permissions)) {
            return;
        }
        try {
            send(SseEmitter.event().name("output").data(chunk));
        } catch (IOException | IllegalStateException gone) {
            closed = true;
        }
    }

    private void forward(TrackedEventMessage<?> event) throws IOException {
        if (!(event instanceof DomainEventMessage<?> domain) || !StreamScope.SESSION_AGGREGATE.equals(domain.getType())) {
            return;
        }
        scope.learn(domain);
        UUID sessionId = UUID.fromString(domain.getAggregateIdentifier());
        if (!scope.admits(sessionId, permissions)) {
            return;
        }
        String position = StreamPosition.of(event.trackingToken()).toString();
        send(SseEmitter.event().id(position).data(new StreamedEvent(position, sessionId, domain.getSequenceNumber() + 1,
                EventWire.typeName(domain.getPayloadType().getName()), domain.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                (String) domain.getMetaData().get(MetaDataKeys.PRINCIPAL), wire.data(domain.getPayload()))));
    }

    /** Keeps proxies from closing an idle stream, and ends it once its caller may no longer read it. */
    private void beat() throws IOException {
        Optional<CallerPermissions> now = caller.get().filter(scope::stillAllowed);
        if (now.isEmpty()) {
            send(SseEmitter.event().name("revoked").data(
                    "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"The token or the permission this stream was opened with no longer holds\"}}"));
            closed = true;
            emitter.complete();
            return;
        }
        permissions = now.get();
        send(SseEmitter.event().comment("heartbeat"));
    }

    private synchronized void send(SseEmitter.SseEventBuilder event) throws IOException {
        emitter.send(event);
    }

    UUID session() {
        return scope.session();
    }
}
