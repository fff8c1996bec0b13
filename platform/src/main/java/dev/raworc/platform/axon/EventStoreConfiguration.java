package dev.raworc.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC event storage engine, built as its auto-configuration builds it but for its reads (see
 * {@link EventTableStorageEngine}). Only while Axon Server is off: with it on, Axon's own
 * auto-configuration stores the events in Axon Server, and this engine would only shadow that store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "axon.axonserver.enabled", havingValue = false)
@EnableConfigurationProperties(EventStoreProperties.class)
class EventStoreConfiguration {

    /** PostgreSQL's SQLSTATE for a unique key that is taken. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Tells Axon that an append lost the race for a sequence number, so it raises a
     * {@code ConcurrencyException} (retried, see {@link ConflictRetries}). Axon's default looks for
     * a JDBC exception class that the PostgreSQL driver never throws, and reports a store failure.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration axon, ConnectionProvider connectionProvider,
                                          TransactionManager axonTransactionManager, EventSchema eventSchema,
                                          EventStoreProperties properties) {
        return EventTableStorageEngine.build(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .schema(eventSchema), new WritesInTransaction(axonTransactionManager), properties.gapTimeout());
    }
}
