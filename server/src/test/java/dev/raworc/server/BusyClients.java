package dev.raworc.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.raworc.server.ApiClient.Response;

/**
 * Clients that keep writing to a server until it stops answering: each posts messages to one
 * session, and the first also creates accounts. They remember every write the server acknowledged
 * and every answer that was not an acknowledgement, so a test can check both after the server is
 * gone. A client stops at its first failed write (a refused connection, an error answer).
 */
final class BusyClients implements AutoCloseable {

    /** A message the server acknowledged with 201, and the seq it gave it. */
    record Message(long seq, String content) {
    }

    static final String ACCOUNT_PREFIX = "busy-";
    static final String ACCOUNT_PASSWORD = "busy-client-password";

    final Queue<Message> messages = new ConcurrentLinkedQueue<>();
    final Queue<String> accounts = new ConcurrentLinkedQueue<>();
    /** Answers that were neither 201 nor a lost connection: status, a space, and body. */
    final Queue<String> refusals = new ConcurrentLinkedQueue<>();

    private final ApiClient api;
    private final String token;
    private final String session;
    private final ExecutorService clients;

    BusyClients(ApiClient api, String token, String session, int count) {
        this.api = api;
        this.token = token;
        this.session = session;
        this.clients = Executors.newFixedThreadPool(count);
        for (int client = 1; client <= count; client++) {
            int number = client;
            clients.execute(() -> write(number));
        }
    }

    /** Waits until the server has acknowledged this many messages and accounts. */
    void awaitAcknowledged(int messageCount, int accountCount) {
        Eventually.await(Duration.ofSeconds(30), messageCount + " messages and " + accountCount + " accounts acknowledged",
                () -> messages.size() >= messageCount && accounts.size() >= accountCount);
    }

    /** Waits until every client has stopped at its first failed write. */
    void awaitStopped(Duration within) throws InterruptedException {
        clients.shutdown();
        if (!clients.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("clients still writing after " + within);
        }
    }

    static boolean isBusyClientMessage(String content) {
        return content.matches("client \\d+ message \\d+");
    }

    private void write(int client) {
        for (int i = 1; ; i++) {
            try {
                if (client == 1 && i % 4 == 0) {
                    String user = ACCOUNT_PREFIX + client + "-" + i;
                    if (!acknowledged(api.postJson("/api/v0/service-accounts", token,
                            IdentityApi.json("user", user, "pass", ACCOUNT_PASSWORD)))) {
                        return;
                    }
                    accounts.add(user);
                } else {
                    String content = "client " + client + " message " + i;
                    Response posted = api.postJson("/api/v0/sessions/" + session + "/messages", token,
                            IdentityApi.json("role", "system", "content", content));
                    if (!acknowledged(posted)) {
                        return;
                    }
                    messages.add(new Message(posted.json().get("seq").asLong(), content));
                }
            } catch (UncheckedIOException lostConnection) {
                return;
            }
        }
    }

    private boolean acknowledged(Response response) {
        if (response.status() == 201) {
            return true;
        }
        refusals.add(response.status() + " " + response.text());
        return false;
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
