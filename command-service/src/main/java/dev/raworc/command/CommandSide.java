package dev.raworc.command;

import java.util.EnumSet;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.Side;

/**
 * The command side: aggregates, their handlers and the endpoints that write. Runners record what
 * they see as commands too, handled in their own process on the shared event store: the endpoints
 * are the command side's alone (see {@link CommandEndpoint}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide({Side.COMMAND, Side.RUNNER})
@ComponentScan
public class CommandSide {

    /** Snapshot an aggregate every this many events, so loading a long stream stays fast. */
    static final int SNAPSHOT_THRESHOLD = 100;

    /** Aggregates kept loaded between commands: the busiest sessions and accounts, a few KB each. */
    static final int CACHED_AGGREGATES = 10_000;

    /**
     * Cached aggregates are safe only where no other process appends to their streams: a stale
     * copy that decides to append loses the race and is retried, but one that decides to do
     * nothing would answer from the past. So only the single box, which runs every side, caches.
     */
    @Bean
    Cache aggregateCache(RaworcProperties properties) {
        return properties.sides().containsAll(EnumSet.allOf(Side.class))
                ? new BoundedAggregateCache(CACHED_AGGREGATES) : NoCache.INSTANCE;
    }

    /** Stops before the database closes, so that the snapshot being taken at shutdown can finish. */
    @Bean
    @DependsOn("dataSource")
    SnapshotThread snapshotThread() {
        return new SnapshotThread();
    }

    /** Axon's auto-configured snapshotter, but taking snapshots on their own thread. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory, SnapshotThread thread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(thread.executor())
                .build();
    }

    @Bean
    SnapshotTriggerDefinition aggregateSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }
}
