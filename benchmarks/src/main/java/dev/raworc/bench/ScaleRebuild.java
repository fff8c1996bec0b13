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

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration REBUILD_LIMIT = Duration.ofMinutes(30);
    private static final int FETCH_SIZE = 1_000;

    /**
     * Api's client gives up after 60 s and keeps its token to itself, so the rebuild goes through a
     * client of its own, logged in as an administrator made for it and deleted afterwards.
     */
    private static final String ACCOUNT = "scale-benchmark";

    private ScaleRebuild() {
    }

    static Row measure(Api api, String base, String jdbcUrl) throws Exception {
        double rawPerSecond = rawSequentialRead(jdbcUrl);
        String password = UUID.randomUUID().toString();
        api.send("POST", "/service-accounts", "{\"user\":\"" + ACCOUNT + "\",\"pass\":\"" + password
                + "\",\"description\":\"Runs the rebuild benchmark\"}", 201);
        try {
            api.send("POST", "/role-bindings", "{\"role_name\":\"admin\",\"principal\":\"" + ACCOUNT + "\"}", 201);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = send(http, "POST", base + "/auth/login", null,
                    "{\"user\":\"" + ACCOUNT + "\",\"pass\":\"" + password + "\"}", 200);
            String token = Api.JSON.readTree(login.body()).get("token").asString();
            long events = eventCount(jdbcUrl); // after the login, whose event the rebuild replays too
            String measure = String.format(Locale.ROOT, "rebuild of every read model, %,d events", events);
            HttpResponse<String> rebuild = send(http, "POST", base + "/admin/rebuild", token, null, 202);
            String location = rebuild.headers().firstValue("Location").orElseThrow();
            JsonNode status = awaitEnd(http, URI.create(base).resolve(location).toString(), token);
            double seconds = status.get("duration_ms").asLong() / 1000.0;
            ScaleBenchmarks.progress(String.format(Locale.ROOT, "rebuilt %,d events in %.1f s", events, seconds));
            return new Row(measure, events / seconds, "events/s", "raw sequential read of the event table", rawPerSecond);
        } finally {
            api.send("DELETE", "/service-accounts/" + ACCOUNT, null, 204);
        }
    }

    /** Follows the rebuild's progress until it is done; fails when it failed or takes too long. */
    private static JsonNode awaitEnd(HttpClient http, String location, String token) throws Exception {
        long deadline = System.nanoTime() + REBUILD_LIMIT.toNanos();
        JsonNode status = Api.JSON.readTree(send(http, "GET", location, token, null, 200).body());
        while (status.get("state").asString().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = Api.JSON.readTree(send(http, "GET", location, token, null, 200).body());
        }
        if (!status.get("state").asString().equals("done")) {
            throw new IllegalStateException("The rebuild did not finish: " + status);
        }
        return status;
    }

    /** @throws IllegalStateException on any answer but the expected one */
    private static HttpResponse<String> send(HttpClient http, String method, String uri, String token, String body,
                                             int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
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
