package dev.raworc.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for effects that no read model tracks (what Docker does after the API answered, a
 * snapshot taken in the background), polling up to a deadline. Changes to read models use
 * ApiTest.awaitProjections instead.
 */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration within, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + within.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
