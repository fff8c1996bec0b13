package dev.raworc.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.DomainException;

/** The command gateway retries conflicts only, a bounded number of times, and answers as the handler did. */
class ConflictRetriesTest {

    private final ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stopRetries() {
        retryExecutor.shutdownNow();
    }

    @Test
    void aCommandThatLostARaceIsRetriedAndAnswersWithTheHandlersResult() {
        CommandGateway gateway = gatewayHandling(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("another process appended first");
            }
            return "handled";
        });

        assertThat((String) gateway.sendAndWait("command")).isEqualTo("handled");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aRefusalIsNotRetriedAndReachesTheCallerUnchanged() {
        DomainException refusal = DomainException.conflict("Session is closed");
        CommandGateway gateway = gatewayHandling(() -> {
            attempts.incrementAndGet();
            throw refusal;
        });

        assertThatThrownBy(() -> gateway.sendAndWait("command")).isSameAs(refusal);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConflictThatOutlastsTheRetriesReachesTheCaller() {
        CommandGateway gateway = gatewayHandling(() -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("another process appended first");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("command")).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(1 + ConflictRetries.MAX_RETRIES);
    }

    private CommandGateway gatewayHandling(Supplier<Object> handler) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(String.class.getName(), command -> handler.get());
        return DefaultCommandGateway.builder().commandBus(bus).retryScheduler(new ConflictRetries(retryExecutor, 1)).build();
    }
}
