package dev.raworc.platform.axon;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a command that lost the race for its aggregate to another process: both loaded the same
 * version and the other appended first. The failed attempt rolled back with everything it wrote
 * (events, name claims) and dropped the aggregate from the cache, so a retry decides on fresh
 * state. Every other failure, a domain refusal above all, goes to the caller as it is. Axon's own
 * schedulers would log the failure's message, which holds the rejected row: the event's payload.
 */
final class ConflictRetries implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetries.class);

    /** At most this many retries, each waiting twice as long as the one before. */
    static final int MAX_RETRIES = 10;
    /** The first retry's wait: with it, all the retries of one command wait about 10 s in all. */
    static final long FIRST_DELAY_MILLIS = 10;

    private final ScheduledExecutorService retryExecutor;
    private final long firstDelayMillis;

    ConflictRetries(ScheduledExecutorService retryExecutor, long firstDelayMillis) {
        this.retryExecutor = retryExecutor;
        this.firstDelayMillis = firstDelayMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!(lastFailure instanceof ConcurrencyException)) {
            return false;
        }
        int failed = failures.size();
        String command = commandMessage.getPayloadType().getSimpleName();
        if (failed > MAX_RETRIES) {
            log.warn("{} lost the race for its aggregate {} times; the client gets a conflict", command, failed);
            return false;
        }
        long delay = firstDelayMillis << (failed - 1);
        log.debug("{} lost the race for its aggregate; retry {} of {} in {} ms", command, failed, MAX_RETRIES, delay);
        try {
            retryExecutor.schedule(dispatchTask, delay, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }
}
