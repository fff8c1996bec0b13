package dev.raworc.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * A page of the session list and of one session's messages at 1 client, beside the same page read
 * as raw SQL over JDBC: the statements the query side runs for it (the count for
 * {@code X-Total-Count}, then the page), consuming every column.
 */
final class ScaleReads {

    private static final int WARM_UP = 200;
    private static final int REQUESTS = 2_000;
    private static final int PAGE = 100;

    // as SessionViews and MessageViews build them for a caller who may list everything, limit and offset bound
    // like theirs (a bound limit can get another plan than a literal one)
    private static final String SESSIONS_COUNT = "SELECT count(*) FROM sessions WHERE deleted_at IS NULL AND (TRUE)";
    private static final String SESSIONS_PAGE = "SELECT * FROM sessions WHERE deleted_at IS NULL AND (TRUE) "
            + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    private static final String MESSAGES_COUNT = "SELECT count(*) FROM messages WHERE session_id = ?";
    private static final String MESSAGES_PAGE = "SELECT * FROM messages WHERE session_id = ? ORDER BY seq LIMIT ? OFFSET ?";

    /** One timed read; {@code session} is a random synthetic session. */
    private interface Read {
        void run(UUID session) throws Exception;
    }

    private ScaleReads() {
    }

    static List<Row> measure(Api api, String jdbcUrl, List<UUID> sessions) throws Exception {
        String scale = String.format(Locale.ROOT, "%,d sessions", ScaleChecks.sessionTotal(api));
        Latencies listApi = timed(sessions, session -> ok(api.raw("GET", "/sessions?limit=" + PAGE, null)));
        Latencies messagesApi = timed(sessions, session -> ok(api.raw("GET", "/sessions/" + session + "/messages?limit=" + PAGE,
                null)));
        Latencies listSql;
        Latencies messagesSql;
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement sessionsCount = connection.prepareStatement(SESSIONS_COUNT);
             PreparedStatement sessionsPage = connection.prepareStatement(SESSIONS_PAGE);
             PreparedStatement messagesCount = connection.prepareStatement(MESSAGES_COUNT);
             PreparedStatement messagesPage = connection.prepareStatement(MESSAGES_PAGE)) {
            sessionsPage.setInt(1, PAGE);
            sessionsPage.setLong(2, 0);
            messagesPage.setInt(2, PAGE);
            messagesPage.setLong(3, 0);
            listSql = timed(sessions, session -> {
                consume(sessionsCount);
                consume(sessionsPage);
            });
            messagesSql = timed(sessions, session -> {
                messagesCount.setObject(1, session);
                consume(messagesCount);
                messagesPage.setObject(1, session);
                consume(messagesPage);
            });
        }
        return List.of(
                new Row("session list page of " + PAGE + ", " + scale + ", p50", listApi.percentileMillis(50), "ms",
                        "raw SQL count + page p50", listSql.percentileMillis(50)),
                new Row("  p99 latency", listApi.percentileMillis(99), "ms", "raw SQL p99", listSql.percentileMillis(99)),
                new Row("messages page of a random session, p50", messagesApi.percentileMillis(50), "ms",
                        "raw SQL count + page p50", messagesSql.percentileMillis(50)),
                new Row("  p99 latency", messagesApi.percentileMillis(99), "ms", "raw SQL p99",
                        messagesSql.percentileMillis(99)));
    }

    /** Warms up, then times {@link #REQUESTS} reads of random sessions, one at a time. */
    private static Latencies timed(List<UUID> sessions, Read read) throws Exception {
        Random random = new Random(42); // the API and SQL read the same sessions
        Latencies latencies = new Latencies();
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            UUID session = sessions.get(random.nextInt(sessions.size()));
            long started = System.nanoTime();
            read.run(session);
            if (i >= WARM_UP) {
                latencies.add(System.nanoTime() - started);
            }
        }
        return latencies;
    }

    private static void ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** Reads every column of every row, as the server does to map them. */
    private static void consume(PreparedStatement query) throws Exception {
        try (ResultSet rows = query.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    rows.getObject(column);
                }
            }
        }
    }
}
