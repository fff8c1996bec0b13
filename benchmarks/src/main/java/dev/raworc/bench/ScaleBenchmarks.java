package dev.raworc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks at scale: a synthetic store of closed sessions with their messages (see
 * {@link ScaleData}), then reads of the session list and of messages, and a rebuild of every read
 * model, each beside the same work done raw in the same PostgreSQL. Every step checks that the
 * server shows the synthetic sessions right, and fails loudly otherwise.
 *
 * <p>Needs a server on a fresh data directory with {@code RAWORC_SIDES=command,query}: no runner,
 * so no container is ever started; {@code api} logged in as {@code admin}; {@code jdbcUrl} pointing
 * to the server's own PostgreSQL. Progress and the time of each phase go to standard error.
 */
final class ScaleBenchmarks {

    static final int MESSAGES_PER_SESSION = 10;

    /** Projecting a million and more events at a few thousand a second takes minutes, not hours. */
    private static final Duration CATCH_UP = Duration.ofMinutes(60);
    private static final Duration CHUNK_CATCH_UP = Duration.ofMinutes(5);

    private ScaleBenchmarks() {
    }

    static List<Row> run(Api api, String jdbcUrl, int sessions, int messagesPerSession) throws Exception {
        String base = api.base();
        long expectedSessions = ScaleChecks.sessionTotal(api) + sessions;

        long started = System.nanoTime();
        ScaleData.Generated generated = ScaleData.generate(jdbcUrl, sessions, messagesPerSession,
                () -> ScaleCatchUp.awaitProcessors(jdbcUrl, CHUNK_CATCH_UP));
        progress(String.format(Locale.ROOT, "generated and projected %,d sessions, %,d events in %s (%.1f s of it writing)",
                sessions, generated.events(), since(started), generated.writing().toMillis() / 1000.0));

        started = System.nanoTime();
        ScaleCatchUp.await(api, jdbcUrl, expectedSessions, CATCH_UP);
        progress("projections caught up in " + since(started));
        ScaleChecks.verify(api, jdbcUrl, generated, expectedSessions);

        started = System.nanoTime();
        List<Row> rows = new ArrayList<>(ScaleReads.measure(api, jdbcUrl, generated.sessions()));
        progress("reads measured in " + since(started));

        started = System.nanoTime();
        rows.add(ScaleRebuild.measure(api, base, jdbcUrl));
        progress("rebuild measured in " + since(started));
        ScaleChecks.verify(api, jdbcUrl, generated, expectedSessions);
        return rows;
    }

    static void progress(String message) {
        System.err.println("scale: " + message);
    }

    private static String since(long started) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
    }
}
