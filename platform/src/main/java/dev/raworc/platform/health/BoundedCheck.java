package dev.raworc.platform.health;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a check that may block on the database on a thread of its own and waits for it only up to a
 * deadline: a database that hangs (frozen, or cut off without a reset) would otherwise hang every
 * probe with it. A check still running from an earlier call is waited on again, not started twice,
 * so a hang costs one thread, not one per probe.
 */
final class BoundedCheck<T> {

    private final String name;
    private final Duration deadline;
    private CompletableFuture<T> running;

    BoundedCheck(String name, Duration deadline) {
        this.name = name;
        this.deadline = deadline;
    }

    /** What a check that has not answered reports. */
    String noAnswer() {
        return "no answer within " + deadline.toMillis() + " ms";
    }

    /** The check's answer, or empty when it has not answered within the deadline. */
    Optional<T> run(Supplier<T> check) {
        CompletableFuture<T> answer = start(check);
        try {
            return Optional.of(answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private synchronized CompletableFuture<T> start(Supplier<T> check) {
        if (running == null || running.isDone()) {
            running = CompletableFuture.supplyAsync(check, this::startThread);
        }
        return running;
    }

    private void startThread(Runnable task) {
        Thread thread = new Thread(task, "health-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
