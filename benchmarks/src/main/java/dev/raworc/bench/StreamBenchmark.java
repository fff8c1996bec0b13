package dev.raworc.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How soon a stored event reaches a client that follows the session's stream: from the start of
 * the POST that stores it to its {@code data:} line, beside one read's round trip.
 */
final class StreamBenchmark {

    private static final int EVENTS = 500;

    private final Api api;
    private final SessionsMade sessions;

    StreamBenchmark(Api api, SessionsMade sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    List<Row> measure() throws Exception {
        String session = sessions.create();
        sessions.awaitIdle(session);
        Latencies delivery = new Latencies();
        Latencies reads = new Latencies();
        HttpResponse<InputStream> stream = api.stream("/sessions/" + session + "/events/stream");
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("the stream answered " + stream.statusCode());
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < EVENTS; i++) {
                long posted = System.nanoTime();
                api.send("POST", "/sessions/" + session + "/messages", "{\"role\":\"system\",\"content\":\"streamed\"}", 201);
                awaitData(lines);
                delivery.add(System.nanoTime() - posted);
                long read = System.nanoTime();
                api.send("GET", "/sessions/" + session, null, 200);
                reads.add(System.nanoTime() - read);
            }
        }
        return List.of(
                new Row("event → SSE client, from the POST's start, p50", delivery.percentileMillis(50), "ms",
                        "one read's round trip p50", reads.percentileMillis(50)),
                new Row("event → SSE client, from the POST's start, p99", delivery.percentileMillis(99), "ms",
                        "one read's round trip p99", reads.percentileMillis(99)));
    }

    private static void awaitData(BufferedReader lines) throws Exception {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("data:") && line.contains("MessagePostedEvent")) {
                return;
            }
        }
        throw new IllegalStateException("the stream ended");
    }
}
