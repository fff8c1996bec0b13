package dev.raworc.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client as a browser's EventSource reads a stream: events (with their
 * {@code id}, {@code event} and {@code data} fields) as they arrive, comments counted, and whether
 * the server ended the stream.
 */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data) {

        JsonNode json() {
            return ApiClient.JSON.readTree(data);
        }
    }

    private static final Event END = new Event(null, "end of stream", null);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int status;
    private final String contentType;
    private final String errorBody;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        if (status == 200) {
            this.errorBody = null;
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            this.errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            ended.complete(null);
        }
    }

    /** Opens {@code /api/v0 + path}; the headers may carry a {@code Last-Event-ID}. */
    static SseClient open(int port, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v0" + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** The error envelope of a refused stream. */
    String errorBody() {
        return errorBody;
    }

    /** The next event; fails when none arrives within the time or the stream ended. */
    Event next(Duration within) {
        try {
            Event event = events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null || event == END) {
                throw new AssertionError(event == null ? "no event within " + within : "the stream ended");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event that is not agent output. */
    Event nextEvent(Duration within) {
        Event event = next(within);
        return event.name() == null ? event : nextEvent(within);
    }

    /** The next chunk of agent output on {@code stdout} or {@code stderr}; fails if the agent's reply comes first. */
    Event nextOutput(String stream, Duration within) {
        Event event = next(within);
        while (!"output".equals(event.name()) || !event.json().get("stream").asString().equals(stream)) {
            if (event.name() == null && isReply(event.json())) {
                throw new AssertionError("the reply came before the " + stream + " output: " + event.data());
            }
            event = next(within);
        }
        return event;
    }

    /** The next event that is the agent's reply (a {@code MessagePostedEvent} of role {@code agent}). */
    JsonNode nextReply(Duration within) {
        JsonNode event = nextEvent(within).json();
        while (!isReply(event)) {
            event = nextEvent(within).json();
        }
        return event;
    }

    /** Whether an event is the agent's reply: a {@code MessagePostedEvent} of role {@code agent}. */
    static boolean isReply(JsonNode event) {
        return event.path("type").asString().equals("MessagePostedEvent") && event.path("data").path("role").asString().equals("agent");
    }

    /** Whatever arrived and was not taken yet, without waiting. */
    java.util.List<Event> drain() {
        java.util.List<Event> drained = new java.util.ArrayList<>();
        events.drainTo(drained);
        drained.remove(END);
        return drained;
    }

    int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream within the time. */
    boolean endsWithin(Duration within) {
        try {
            ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            return true;
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException closed) {
            // the client closed it
        } finally {
            events.add(END);
            ended.complete(null);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
