package dev.raworc.platform.axon;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Axon's command gateway, as its auto-configuration makes it, but retrying commands that lost a
 * race with another process ({@link ConflictRetries}). A command that does not conflict takes the
 * same path as without retries; only a retry runs on a thread of its own.
 */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    /** Retries waiting at once; more wait for a thread, as they would for the aggregate's lock. */
    private static final int RETRY_THREADS = 4;

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("command-retry-");
        threads.setDaemon(true);
        return Executors.newScheduledThreadPool(RETRY_THREADS, threads);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetries(commandRetryExecutor, ConflictRetries.FIRST_DELAY_MILLIS))
                .build();
    }
}
