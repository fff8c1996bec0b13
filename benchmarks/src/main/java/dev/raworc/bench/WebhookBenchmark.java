package dev.raworc.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * How soon a stored event reaches a webhook's receiver on this machine: from the start of the POST
 * that stores it to the delivery's arrival, beside one read's round trip. The server must allow
 * private targets (the receiver is on 127.0.0.1).
 */
final class WebhookBenchmark {

    private static final int EVENTS = 200;

    private final Api api;
    private final SessionsMade sessions;

    WebhookBenchmark(Api api, SessionsMade sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    List<Row> measure() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String webhook = null;
        try {
            String session = sessions.create();
            sessions.awaitIdle(session);
            webhook = api.send("POST", "/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook\",\"event_types\":[\"MessagePostedEvent\"]}", 201).get("id").asString();
            Latencies delivery = new Latencies();
            Latencies reads = new Latencies();
            for (int i = 0; i < EVENTS; i++) {
                String marker = "webhook-" + i;
                long posted = System.nanoTime();
                api.send("POST", "/sessions/" + session + "/messages", "{\"role\":\"system\",\"content\":\"" + marker + "\"}", 201);
                awaitDelivery(received, marker);
                delivery.add(System.nanoTime() - posted);
                long read = System.nanoTime();
                api.send("GET", "/sessions/" + session, null, 200);
                reads.add(System.nanoTime() - read);
            }
            return List.of(
                    new Row("event → webhook receiver, from the POST's start, p50", delivery.percentileMillis(50), "ms",
                            "one read's round trip p50", reads.percentileMillis(50)),
                    new Row("event → webhook receiver, from the POST's start, p99", delivery.percentileMillis(99), "ms",
                            "one read's round trip p99", reads.percentileMillis(99)));
        } finally {
            if (webhook != null) {
                api.send("DELETE", "/webhooks/" + webhook, null, 204);
            }
            receiver.stop(0);
        }
    }

    private static void awaitDelivery(BlockingQueue<String> received, String marker) throws InterruptedException, IOException {
        while (true) {
            String body = received.poll(30, TimeUnit.SECONDS);
            if (body == null) {
                throw new IOException("no delivery of '" + marker + "' within 30 s");
            }
            if (body.contains("\"" + marker + "\"")) {
                return;
            }
        }
    }
}
