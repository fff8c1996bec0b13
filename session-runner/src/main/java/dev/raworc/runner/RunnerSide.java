package dev.raworc.runner;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;
import dev.raworc.platform.schema.ModuleSchema;

/** The runner side: drives the container engine in reaction to session events. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.RUNNER)
@ComponentScan
@EnableConfigurationProperties(RunnerProperties.class)
@EnableScheduling
public class RunnerSide {

    /** The processing group of the runner's side effects (see {@code SessionRunner}). */
    public static final String PROCESSING_GROUP = "session-runner";
    /** The processing group of the runners' own state, shared by all runners (see {@code RunnerState}). */
    public static final String RUNNER_STATE = "runner-state";
    private static final int RUNNER_STATE_BATCH = 100;

    /** The runner's own tables: migrated only by processes that run the runner. */
    @Bean
    ModuleSchema runnerSchema() {
        return ModuleSchema.RUNNER;
    }

    /**
     * Each runner has its own processor, {@code session-runner@<name>}, as each acts on its own
     * sessions. It acts on what happens from now on: a new runner never replays old sessions' history.
     */
    @Bean
    ConfigurerModule runnerStartsAtTheHead(RunnerProperties properties) {
        String processor = PROCESSING_GROUP + "@" + properties.name();
        return configurer -> configurer.eventProcessing(processing -> processing
                .assignProcessingGroup(PROCESSING_GROUP, processor)
                .registerTrackingEventProcessorConfiguration(processor, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                // Axon's default first token marks history as a replay, which the runners' state
                // (not replayable, so writes never wait for it) would skip: it reads history as new.
                .registerTrackingEventProcessorConfiguration(RUNNER_STATE, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(RUNNER_STATE_BATCH)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
    }
}
