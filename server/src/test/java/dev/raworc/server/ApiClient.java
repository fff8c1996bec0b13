package dev.raworc.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API, as any outside client would talk to it. */
final class ApiClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, java.net.http.HttpHeaders headers, String text) {

        JsonNode json() {
            return JSON.readTree(text);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The error envelope's code and message, for asserting both at once. */
        String error() {
            JsonNode error = json().get("error");
            return error.get("code").asString() + ": " + error.get("message").asString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String baseUrl;

    ApiClient(int port) {
        this.port = port;
        this.baseUrl = "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response postJson(String path, String token, String json) {
        return send("POST", path, token, "application/json", json);
    }

    Response send(String method, String path, String token, String contentType, String body) {
        return exchange(method, path, token, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    /** A request with headers of the caller's own (an {@code X-Request-Id}, say). */
    Response send(String method, String path, String token, Map<String, String> headers) {
        return exchange(method, path, token, null, HttpRequest.BodyPublishers.noBody(), Duration.ofSeconds(30), headers);
    }

    /** Sends the body chunked, without declaring its length, as a streaming client would. */
    Response postChunked(String path, String token, byte[] body) {
        return exchange("POST", path, token, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    }

    /** A GET that the server may hold open longer than requests usually take: a long poll. */
    Response getHeld(String path, String token, Duration timeout) {
        return exchange("GET", path, token, null, HttpRequest.BodyPublishers.noBody(), timeout);
    }

    Response exchange(String method, String path, String token, String contentType, HttpRequest.BodyPublisher body) {
        return exchange(method, path, token, contentType, body, Duration.ofSeconds(30));
    }

    private Response exchange(String method, String path, String token, String contentType,
                              HttpRequest.BodyPublisher body, Duration timeout) {
        return exchange(method, path, token, contentType, body, timeout, Map.of());
    }

    private Response exchange(String method, String path, String token, String contentType,
                              HttpRequest.BodyPublisher body, Duration timeout, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .method(method, body);
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and returns the bearer token; fails the test when login does not answer 200. */
    String login(String user, String pass) {
        Response response = postJson("/api/v0/auth/login", null,
                JSON.writeValueAsString(java.util.Map.of("user", user, "pass", pass)));
        if (response.status() != 200) {
            throw new AssertionError("login of " + user + " answered " + response.status() + " " + response.text());
        }
        return response.json().get("token").asString();
    }
}
