package dev.raworc.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The server's API, as a client sees it. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    Api(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    void login(String user, String pass) throws IOException, InterruptedException {
        token = send("POST", "/auth/login", "{\"user\":\"" + user + "\",\"pass\":\"" + pass + "\"}", 200).get("token").asString();
    }

    JsonNode send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = raw(method, path, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    HttpResponse<String> raw(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body is read as it arrives: a stream. */
    HttpResponse<java.io.InputStream> stream(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    String createSession() throws IOException, InterruptedException {
        return send("POST", "/sessions", null, 201).get("id").asString();
    }
}
