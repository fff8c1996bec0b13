package dev.raworc.platform.axon;

import java.util.concurrent.TimeUnit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import dev.raworc.api.MetaDataKeys;

/**
 * Axon storage and processing: snake_case tables owned by Flyway, Jackson 3 with a type validator
 * that admits only Axon's and our own classes, tracking processors that retry instead of skipping
 * a failed event, and the caller's principal carried from command to events.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Command handling and projections run in one database transaction with the event store and
     * token store. Declared here because Axon's own auto-configuration orders itself after Spring
     * Boot 3's transaction auto-configuration and, on Boot 4, falls back to no transactions.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Without this validator Jackson 3 refuses the polymorphic tracking tokens Axon stores (a
     * replay token wraps another token), and every processor that starts on a replay dies.
     */
    @Bean
    Jackson3SerializerCustomizer axonJsonMapperCustomizer() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("dev.raworc.")
                .allowIfSubType("java.util.")
                .build());
    }

    /**
     * Events a tracking processor handles in one transaction when that many are waiting (a replay,
     * a burst). A single new event is still handled at once, alone.
     */
    static final int BATCH_SIZE = 100;

    @Bean
    ProcessorProgress processorProgress() {
        return new ProcessorProgress();
    }

    @Bean
    ConfigurerModule eventProcessingDefaults(ProcessorProgress progress, TransactionManager axonTransactionManager,
                                             JdbcTemplate jdbc) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingTrackingEventProcessors()
                .registerDefaultTransactionManager(c -> new ProjectionTransactionManager(axonTransactionManager, jdbc))
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(BATCH_SIZE).andEventTrackerStatusChangeListener(progress)
                        // a free segment (its owner died) is claimed within a second
                        .andTokenClaimInterval(1, TimeUnit.SECONDS))
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /** Axon's configurer takes the single resolver bean for every aggregate. */
    @Bean
    CommandTargetResolver commandTargetResolver() {
        return new RecordCommandTargetResolver();
    }

    /** Registered on the command gateway by Axon's interceptor auto-configuration. */
    @Bean
    PrincipalDispatchInterceptor principalDispatchInterceptor() {
        return new PrincipalDispatchInterceptor();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Copies the command's principal onto every event it causes, for the audit history. */
    @Bean
    CorrelationDataProvider principalCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetaDataKeys.PRINCIPAL);
    }
}
