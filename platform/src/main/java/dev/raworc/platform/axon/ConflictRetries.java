package dev.raworc.platform.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost the race for its aggregate to another process: both loaded the same
 * version and the other appended first. The failed attempt rolled back with everything it wrote
 * (events, name claims) and dropped the aggregate from the cache, so a retry decides on fresh
 * state. Every other failure, a domain refusal above all, goes to the caller as it is.
 */
final class ConflictRetries implements RetryScheduler {

    /** At most this many retries, each waiting twice as long as the one before. */
    static final int MAX_RETRIES = 10;
    /** The first retry's wait: with it, all the retries of one command wait about 10 s in all. */
    static final long FIRST_DELAY_MILLIS = 10;

    private final RetryScheduler backOff;

    ConflictRetries(ScheduledExecutorService retryExecutor, long firstDelayMillis) {
        this.backOff = ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(retryExecutor)
                .maxRetryCount(MAX_RETRIES)
                .backoffFactor(firstDelayMillis)
                .build();
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        return lastFailure instanceof ConcurrencyException
                && backOff.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
    }
}
