package dev.raworc.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * A webhook target on 127.0.0.1: records every request and answers with the statuses it is told,
 * then 204. It checks signatures on its own, as a client of the API would, from the Standard
 * Webhooks recipe alone.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String id, String timestamp, String signature, String body) {

        JsonNode json() {
            return ApiClient.JSON.readTree(body);
        }

        /** Whether {@code v1,} + base64(HMAC-SHA256(secret bytes, id.timestamp.body)) is among the signatures. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return List.of(signature.split(" ")).contains(expected);
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                var headers = exchange.getRequestHeaders();
                Received request = new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                int status;
                synchronized (this) {
                    received.add(request);
                    status = answers.isEmpty() ? 204 : answers.poll();
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests are answered with these statuses, in order. */
    synchronized void answerNext(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests about one session, in the order they came. */
    List<Received> about(String sessionId) {
        return received().stream().filter(r -> r.json().get("session_id").asString().equals(sessionId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
