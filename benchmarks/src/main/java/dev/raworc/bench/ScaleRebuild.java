package dev.raworc.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/rebuild} over the whole event store, beside a raw sequential read of the event
 * table over JDBC: how close replaying every read model comes to just reading the events once.
 */
final class ScaleRebuild {

    /** Longer than the server's own wait for the rebuild, so its answer (or its error) always arrives. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
    private static final int FETCH_SIZE = 1_000;

    /** What the server answers (500) when the read models take longer than its own wait (RebuildController). */
    private static final String SERVER_GAVE_UP = "did not catch up within";

    /**
     * Api's client gives up after 60 s and keeps its token to itself, so the rebuild goes through a
     * client of its own, logged in as an administrator made for it and deleted afterwards.
     */
    private static final String ACCOUNT = "scale-benchmark";

    private ScaleRebuild() {
    }

    static Row measure(Api api, String base, String jdbcUrl, long expectedSessions) throws Exception {
        double rawPerSecond = rawSequentialRead(jdbcUrl);
        String password = UUID.randomUUID().toString();
        api.send("POST", "/service-accounts", "{\"user\":\"" + ACCOUNT + "\",\"pass\":\"" + password
                + "\",\"description\":\"Runs the rebuild benchmark\"}", 201);
        try {
            api.send("POST", "/role-bindings", "{\"role_name\":\"admin\",\"principal\":\"" + ACCOUNT + "\"}", 201);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = post(http, base + "/auth/login", null,
                    "{\"user\":\"" + ACCOUNT + "\",\"pass\":\"" + password + "\"}");
            String token = Api.JSON.readTree(login.body()).get("token").asString();
            long events = eventCount(jdbcUrl); // after the login, whose event the rebuild replays too
            String measure = String.format(Locale.ROOT, "rebuild of every read model, %,d events", events);
            long started = System.nanoTime();
            HttpResponse<String> rebuild = post(http, base + "/admin/rebuild", token, null);
            double seconds;
            if (rebuild.statusCode() == 200) {
                seconds = Api.JSON.readTree(rebuild.body()).get("duration_ms").asLong() / 1000.0;
            } else {
                // the server stopped waiting, its processors go on rebuilding: time them to the end
                ScaleBenchmarks.progress("POST /admin/rebuild answered " + rebuild.statusCode() + ": " + rebuild.body());
                ScaleCatchUp.await(api, jdbcUrl, expectedSessions, REQUEST_TIMEOUT);
                seconds = (System.nanoTime() - started) / 1e9;
                measure += " (server gave up waiting; timed to catch-up)";
            }
            ScaleBenchmarks.progress(String.format(Locale.ROOT, "rebuilt %,d events in %.1f s", events, seconds));
            return new Row(measure, events / seconds, "events/s", "raw sequential read of the event table", rawPerSecond);
        } finally {
            api.send("DELETE", "/service-accounts/" + ACCOUNT, null, 204);
        }
    }

    /** @throws IllegalStateException on any answer but 200 or the server giving up on the rebuild's wait */
    private static HttpResponse<String> post(HttpClient http, String uri, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && !(response.statusCode() == 500 && response.body().contains(SERVER_GAVE_UP))) {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** Every event in global order, every column a processor needs, as a cursor of {@link #FETCH_SIZE} rows. */
    private static double rawSequentialRead(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setAutoCommit(false); // without a transaction the driver fetches the whole table at once
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                long started = System.nanoTime();
                long events = 0;
                long bytes = 0;
                try (ResultSet rows = statement.executeQuery("SELECT global_index, payload_type, payload, meta_data, time_stamp "
                        + "FROM domain_event_entry ORDER BY global_index")) {
                    while (rows.next()) {
                        events++;
                        rows.getLong(1);
                        bytes += rows.getString(2).length() + rows.getBytes(3).length + rows.getBytes(4).length
                                + rows.getString(5).length();
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                connection.commit();
                ScaleBenchmarks.progress(String.format(Locale.ROOT, "read %,d events (%,d bytes) in %.1f s", events, bytes,
                        seconds));
                return events / seconds;
            }
        }
    }

    private static long eventCount(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            result.next();
            return result.getLong(1);
        }
    }
}
