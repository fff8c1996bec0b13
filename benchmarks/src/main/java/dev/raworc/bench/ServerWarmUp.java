package dev.raworc.bench;

import java.time.Duration;

/**
 * Posts messages until the server's rate stops rising, so that the measured figures are a warm
 * server's. A fresh server spends its first minute or more of load compiling Spring's, Axon's and
 * the driver's hot paths (C2 compilations of 300–900 ms each, about half a core on two cores), and
 * a few seconds of warm-up left that cost inside the first measured figures. The row says how cold
 * the server was: its first window's rate beside its last.
 */
final class ServerWarmUp {

    static final int CLIENTS = 8;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int MIN_WINDOWS = 6;
    private static final int MAX_WINDOWS = 15;
    /** Settled: this many windows in a row were no more than {@link #RISE} faster than the best before them. */
    private static final int FLAT_WINDOWS = 2;
    private static final double RISE = 0.05;

    private ServerWarmUp() {
    }

    /** {@code posting} posts one message for a client, as {@link #CLIENTS} clients run it at once. */
    static Row run(Load.Operation posting) throws Exception {
        double first = Double.NaN;
        double best = 0;
        double last = 0;
        int windows = 0;
        int flat = 0;
        while (windows < MAX_WINDOWS && (windows < MIN_WINDOWS || flat < FLAT_WINDOWS)) {
            Load.Result window = Load.run(CLIENTS, Duration.ZERO, WINDOW, posting);
            if (window.errors() > 0) {
                throw new IllegalStateException(window.errors() + " message posts failed while warming up");
            }
            last = window.perSecond();
            windows++;
            if (windows == 1) {
                first = last;
            }
            if (last > best * (1 + RISE)) {
                best = last;
                flat = 0;
            } else {
                flat++;
            }
        }
        return new Row("cold server: message POST, " + CLIENTS + " clients, first " + WINDOW.toSeconds() + " s", first,
                "req/s", "the same once warm (after " + windows * WINDOW.toSeconds() + " s of posts)", last);
    }
}
