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

    /** The runner's own tables: migrated only by processes that run the runner. */
    @Bean
    ModuleSchema runnerSchema() {
        return ModuleSchema.RUNNER;
    }

    /** The runner acts on what happens from now on: a new runner never replays old sessions' history. */
    @Bean
    ConfigurerModule runnerStartsAtTheHead() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration("session-runner", c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
