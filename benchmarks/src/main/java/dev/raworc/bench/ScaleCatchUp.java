package dev.raworc.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * Waits until the server's projections have handled events written behind their back: the session
 * list shows them all, and every processor's token has passed the last event (a processor still
 * skipping through them would take CPU from the measurements that follow).
 */
final class ScaleCatchUp {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    // A processor's position is its token's index; a replay token (after a rebuild) keeps it in currentToken, one or
    // two levels down, and stays a replay token until an event newer than the reset arrives. No position yet: not there.
    private static final String ALL_TOKENS_AT_HEAD = """
            SELECT count(*) > 0 AND bool_and(coalesce(position >= (SELECT max(global_index) FROM domain_event_entry), false))
            FROM (SELECT coalesce(token ->> 'index', token #>> '{currentToken,index}',
                                  token #>> '{currentToken,currentToken,index}')::bigint AS position
                  FROM (SELECT convert_from(token, 'UTF8')::jsonb AS token FROM token_entry) tokens) positions""";

    private ScaleCatchUp() {
    }

    static void await(Api api, String jdbcUrl, long expectedSessions, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        while (ScaleChecks.sessionTotal(api) < expectedSessions || !allTokensAtHead(jdbcUrl)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not catch up within " + timeout.toMinutes()
                        + " minutes: " + ScaleChecks.sessionTotal(api) + " of " + expectedSessions + " sessions shown");
            }
            if (System.nanoTime() > nextProgress) {
                ScaleBenchmarks.progress(ScaleChecks.sessionTotal(api) + " of " + expectedSessions + " sessions projected");
                nextProgress += PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(1_000);
        }
    }

    /** Waits until every processor has passed the last event; polls often, as it runs between chunks. */
    static void awaitProcessors(String jdbcUrl, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allTokensAtHead(jdbcUrl)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projections did not pass the last event within " + timeout.toMinutes()
                        + " minutes");
            }
            Thread.sleep(100);
        }
    }

    private static boolean allTokensAtHead(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(ALL_TOKENS_AT_HEAD)) {
            result.next();
            return result.getBoolean(1);
        }
    }
}
