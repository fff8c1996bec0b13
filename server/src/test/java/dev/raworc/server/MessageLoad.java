package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.raworc.server.ApiClient.Response;

/**
 * Clients posting {@code system} messages (they change no session state) to a few sessions as fast
 * as the server answers, each over its own connections. Every 201 is kept: it is the server's
 * promise that the message is stored with that id and seq. Any other answer is kept as refused.
 */
final class MessageLoad {

    /** A message the server acknowledged. */
    record Acknowledged(String session, String id, long seq) {
    }

    private static final String BODY = IdentityApi.json("role", "system", "content", "durability load");

    private final List<String> sessions;
    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();

    MessageLoad(List<String> sessions) {
        this.sessions = sessions;
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Posts one message and returns how long the answer took, whatever it was. */
    Duration postOne(ApiClient api, String token) {
        return Duration.ofNanos(post(api, token, sessions.get(0)));
    }

    /**
     * Starts clients that post until the server goes away: a client stops at its first request
     * that gets no answer, so a kill lands while most of them are waiting for one.
     */
    ExecutorService untilTheServerDies(int port, String token, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            String session = sessions.get(i % sessions.size());
            pool.execute(() -> {
                ApiClient own = new ApiClient(port);
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        post(own, token, session);
                    }
                } catch (UncheckedIOException serverGone) {
                    // the kill this load is for
                }
            });
        }
        pool.shutdown();
        return pool;
    }

    /** The latencies in milliseconds of the writes that clients posting for the window began in it. */
    List<Double> latencies(int port, String token, int clients, Duration window) throws Exception {
        Queue<Double> latencies = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + window.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String session = sessions.get(i % sessions.size());
                writers.add(pool.submit(() -> {
                    ApiClient own = new ApiClient(port);
                    while (System.nanoTime() < end) {
                        latencies.add(post(own, token, session) / 1e6);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(latencies);
    }

    static double median(List<Double> values) {
        assertThat(values).as("writes measured").isNotEmpty();
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private long post(ApiClient api, String token, String session) {
        long start = System.nanoTime();
        Response answer = api.postJson(IdentityApi.BASE + "/sessions/" + session + "/messages", token, BODY);
        long took = System.nanoTime() - start;
        if (answer.status() == 201) {
            acknowledged.add(new Acknowledged(session, answer.json().get("id").asString(), answer.json().get("seq").asLong()));
        } else {
            refused.add(answer.status() + " " + answer.text());
        }
        return took;
    }
}
