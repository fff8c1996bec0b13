package dev.raworc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Message throughput and latency over HTTP beside single-row inserts of event-sized rows into the
 * same PostgreSQL, and the projection lag of a write.
 */
final class MessageBenchmarks {

    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int SESSIONS_PER_CLIENT = 4;
    private static final String SYSTEM_MESSAGE = "{\"role\":\"system\",\"content\":\"" + "x".repeat(200) + "\"}";

    private final Api api;
    private final String jdbcUrl;
    private final Duration measure;
    private final SessionsMade sessions;

    MessageBenchmarks(Api api, String jdbcUrl, Duration measure, SessionsMade sessions) {
        this.api = api;
        this.jdbcUrl = jdbcUrl;
        this.measure = measure;
        this.sessions = sessions;
    }

    /** Authenticated SYSTEM messages (no agent work) at 1, 8 and 32 clients, spread over many sessions. */
    List<Row> throughput() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(ServerWarmUp.run(posting(idleSessions(ServerWarmUp.CLIENTS))));
        Load.Result http = null;
        Load.Result raw = null;
        for (int clients : CONCURRENCY) {
            http = Load.run(clients, Duration.ofSeconds(5), measure, posting(idleSessions(clients)));
            try (RawInserts inserts = new RawInserts(jdbcUrl, clients)) {
                raw = Load.run(clients, Duration.ofSeconds(2), measure, (client, i) -> inserts.insert(client));
            }
            rows.add(new Row("message POST, " + clients + " clients", http.perSecond(), "req/s",
                    "single-row insert, " + clients + " connections", raw.perSecond()));
            rows.add(new Row("  p50 latency", http.latencies().percentileMillis(50), "ms", "insert p50",
                    raw.latencies().percentileMillis(50)));
            rows.add(new Row("  p99 latency", http.latencies().percentileMillis(99), "ms", "insert p99",
                    raw.latencies().percentileMillis(99)));
            rows.add(new Row("  max latency", http.latencies().maxMillis(), "ms", "insert max", raw.latencies().maxMillis()));
            if (http.errors() > 0) {
                throw new IllegalStateException(http.errors() + " message posts failed at " + clients + " clients");
            }
        }
        rows.addAll(partsOfAPost(http, raw));
        return rows;
    }

    /**
     * What a post is made of, at the highest concurrency, beside the same raw inserts: the HTTP
     * stack (Tomcat, Spring Security, Spring MVC, JSON) with this benchmark's client, on a public
     * GET without a token, which reads nothing from the database; then {@code GET /auth/me}, the
     * same stack with two reads: the token check's read of the account with its role bindings (so
     * that revoked tokens and bindings apply at once) and the bindings' names. A post reads as much
     * (the token check, its session) and appends its event durably, so {@code GET /auth/me}
     * followed by one raw insert is the most any post that checks on every request can reach on
     * this machine; the post is shown beside it too. What a post adds beyond it is Axon's
     * command handling and event store, and the wait for the projections and their writes.
     */
    private List<Row> partsOfAPost(Load.Result post, Load.Result raw) throws Exception {
        int clients = CONCURRENCY[CONCURRENCY.length - 1];
        Api anonymous = new Api(api.base());
        Load.Result stack = Load.run(clients, Duration.ofSeconds(5), measure,
                (client, i) -> anonymous.send("GET", "/version", null, 200));
        Load.Result authenticated = Load.run(clients, Duration.ofSeconds(5), measure,
                (client, i) -> api.send("GET", "/auth/me", null, 200));
        Load.Result checkedWrite;
        try (RawInserts inserts = new RawInserts(jdbcUrl, clients)) {
            checkedWrite = Load.run(clients, Duration.ofSeconds(5), measure, (client, i) -> {
                api.send("GET", "/auth/me", null, 200);
                inserts.insert(client);
            });
        }
        if (stack.errors() + authenticated.errors() + checkedWrite.errors() > 0) {
            throw new IllegalStateException("requests failed while measuring the parts of a post");
        }
        String limit = "single-row insert, " + clients + " connections";
        String checkedWriteName = "GET /auth/me, then a single-row insert, " + clients + " clients";
        return List.of(
                new Row("the HTTP stack alone: GET /version without a token, " + clients + " clients", stack.perSecond(),
                        "req/s", limit, raw.perSecond()),
                new Row("the stack and two reads (token check, role bindings): GET /auth/me, " + clients + " clients", authenticated.perSecond(),
                        "req/s", limit, raw.perSecond()),
                new Row("the stack, two reads and a durable write: " + checkedWriteName, checkedWrite.perSecond(),
                        "req/s", limit, raw.perSecond()),
                new Row("message POST, " + clients + " clients, beside that", post.perSecond(), "req/s",
                        checkedWriteName, checkedWrite.perSecond()));
    }

    /** Each client posts to its own {@value #SESSIONS_PER_CLIENT} sessions in turn. */
    private Load.Operation posting(String[] targets) {
        return (client, i) -> api.send("POST",
                "/sessions/" + targets[(int) (client * SESSIONS_PER_CLIENT + i % SESSIONS_PER_CLIENT)] + "/messages",
                SYSTEM_MESSAGE, 201);
    }

    /** Sessions whose containers started before the measurement, not during it. */
    private String[] idleSessions(int clients) throws Exception {
        String[] targets = new String[clients * SESSIONS_PER_CLIENT];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = sessions.create();
        }
        sessions.awaitIdle(targets);
        return targets;
    }

    /** Time from a write's 2xx until a read shows it. */
    List<Row> projectionLag() throws Exception {
        String session = sessions.create();
        sessions.awaitIdle(session);
        Latencies lag = new Latencies();
        Latencies reads = new Latencies();
        for (int i = 0; i < 500; i++) {
            long seq = api.send("POST", "/sessions/" + session + "/messages", "{\"role\":\"system\",\"content\":\"lag\"}", 201)
                    .get("seq").asLong();
            long written = System.nanoTime();
            while (true) {
                long read = System.nanoTime();
                boolean visible = api.send("GET", "/sessions/" + session + "/messages?after_seq=" + (seq - 1) + "&limit=1",
                        null, 200).size() == 1;
                reads.add(System.nanoTime() - read);
                if (visible) {
                    lag.add(System.nanoTime() - written);
                    break;
                }
            }
        }
        return List.of(
                new Row("projection lag p50", lag.percentileMillis(50), "ms", "one read's round trip p50",
                        reads.percentileMillis(50)),
                new Row("projection lag p99", lag.percentileMillis(99), "ms", "one read's round trip p99",
                        reads.percentileMillis(99)));
    }
}
