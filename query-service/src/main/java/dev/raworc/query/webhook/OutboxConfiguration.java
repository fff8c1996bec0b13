package dev.raworc.query.webhook;

import java.util.concurrent.TimeUnit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox acts on what happens from its first start on: history from before webhooks existed
 * has no webhook to go to, and a replay is asked for explicitly. Axon's default first token would
 * mark history as a replay, which the outbox (not replayable) would skip while reading it all.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    private static final int BATCH = 100;

    @Bean
    ConfigurerModule outboxStartsAtTheHead() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(WebhookOutbox.GROUP, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(BATCH)
                        .andTokenClaimInterval(1, TimeUnit.SECONDS)
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
