package dev.raworc.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, gathered from any number of threads. */
final class Latencies {

    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0–100) in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
        return sorted[index] / 1_000_000.0;
    }

    synchronized double maxMillis() {
        return size == 0 ? Double.NaN : Arrays.stream(values, 0, size).max().orElseThrow() / 1_000_000.0;
    }
}
