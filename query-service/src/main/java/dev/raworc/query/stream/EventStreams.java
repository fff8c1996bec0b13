package dev.raworc.query.stream;

import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.raworc.platform.access.CallerPermissions;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.security.BearerAuthentication;
import dev.raworc.query.EventWire;

/**
 * Opens live streams: each on a thread of its own, at most {@code raworc.streams.max-subscribers}
 * at once in this process, with the agent output of its sessions besides their events.
 */
@Component
@EnableConfigurationProperties(StreamProperties.class)
class EventStreams {

    private final EventStore eventStore;
    private final EventWire wire;
    private final AgentOutputListener output;
    private final BearerAuthentication authentication;
    private final PermissionEvaluator permissions;
    private final StreamProperties properties;
    private final ThreadPoolExecutor threads;

    EventStreams(EventStore eventStore, EventWire wire, AgentOutputListener output, BearerAuthentication authentication,
                 PermissionEvaluator permissions, StreamProperties properties) {
        this.eventStore = eventStore;
        this.wire = wire;
        this.output = output;
        this.authentication = authentication;
        this.permissions = permissions;
        this.properties = properties;
        CustomizableThreadFactory factory = new CustomizableThreadFactory("event-stream-");
        factory.setDaemon(true);
        this.threads = new ThreadPoolExecutor(0, properties.maxSubscribers(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                factory);
    }

    /**
     * @param after         the position to resume after; empty: from the newest event on
     * @param authorization the request's header, asked again at every heartbeat
     * @throws TooManyStreamsException when this process serves as many streams as it may
     */
    SseEmitter open(StreamScope scope, Optional<StreamPosition> after, CallerPermissions caller, String authorization) {
        SseEmitter emitter = new SseEmitter(0L); // no timeout: the client decides how long it follows
        TrackingToken start = after.isPresent() ? after.get().token() : eventStore.createHeadToken(); // null: the log's start
        EventSubscription subscription = new EventSubscription(emitter, eventStore, start, scope, caller,
                () -> authentication.recheck(authorization).map(permissions::of), wire, properties.heartbeat());
        Runnable stopListening = output.subscribe(scope.session(), subscription::output);
        emitter.onCompletion(stopListening);
        try {
            threads.execute(() -> {
                try {
                    subscription.run();
                } finally {
                    stopListening.run();
                }
            });
        } catch (RejectedExecutionException e) {
            stopListening.run();
            throw new TooManyStreamsException(properties.maxSubscribers());
        }
        return emitter;
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
