package dev.raworc.platform.axon;

import java.util.OptionalLong;

/**
 * The global index of the newest event the current thread appended since {@link #forget()}. A
 * write waits for the read models to reach its own events ({@link Writes}) rather than asking the
 * event table for its newest index: one round trip less per write, and no wait for other writers'
 * events. Commands are handled in the thread that sends them (Axon's simple command bus), so the
 * thread that sends a command is the one that appends its events.
 */
final class AppendedEvents {

    private static final ThreadLocal<Long> NEWEST = new ThreadLocal<>();

    private AppendedEvents() {
    }

    static void appended(long globalIndex) {
        Long newest = NEWEST.get();
        if (newest == null || globalIndex > newest) {
            NEWEST.set(globalIndex);
        }
    }

    static OptionalLong newest() {
        Long newest = NEWEST.get();
        return newest == null ? OptionalLong.empty() : OptionalLong.of(newest);
    }

    static void forget() {
        NEWEST.remove();
    }
}
