package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * A server stopped as an operator stops it (SIGTERM to its own JVM) while clients are writing and
 * a client long-polls stops within 20 s without logging an error, answers the poll instead of
 * waiting for it, lets its processors finish and release their token claims before its embedded
 * PostgreSQL goes, and keeps every write it acknowledged: a write in flight either happened whole
 * or not at all.
 */
class GracefulStopTest {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);
    /** The JVM's exit status after SIGTERM (128 + 15): Spring Boot closes the context and lets the JVM end. */
    private static final int SIGTERM_EXIT = 143;
    private static final String PASSWORD = "graceful-stop-password";

    private final Path dataDir = ServerProcess.newDataDirectory("graceful-stop");

    @Test
    void sigtermWhileClientsWriteStopsPromptlyAndCleanlyAndKeepsWhatWasAcknowledged() throws Exception {
        Path log = ChildServers.log("graceful-stop");
        int port = ChildServers.freePort();
        Process server = ChildServers.start(log, List.of(), "--server.port=" + port, "--raworc.data-dir=" + dataDir,
                "--raworc.sides=command,query", "--raworc.admin-password=" + PASSWORD);
        ApiClient api = new ApiClient(port);
        String token = api.login("admin", PASSWORD);
        String session = api.postJson("/api/v0/sessions", token, "{}").json().get("id").asString();
        CompletableFuture<Response> longPoll = longPoll(api, token);
        BusyClients clients = new BusyClients(api, token, session, 4);
        long stopped;
        try (clients) {
            clients.awaitAcknowledged(24, 2);
            long sigterm = System.nanoTime();
            server.destroy();
            boolean exited = server.waitFor(1, TimeUnit.MINUTES);
            stopped = System.nanoTime() - sigterm;
            assertThat(exited).as("stopped at all; see " + log).isTrue();
            clients.awaitStopped(Duration.ofSeconds(10));
        } finally {
            server.destroyForcibly();
        }

        assertThat(Duration.ofNanos(stopped)).as("time from SIGTERM to exit; see " + log).isLessThan(STOP_LIMIT);
        Response polled = longPoll.get(10, TimeUnit.SECONDS);
        assertThat(polled).as("a long poll held at SIGTERM is answered, not cut off").isNotNull();
        assertThat(polled.status() + " " + polled.text()).isEqualTo("200 []");
        assertThat(server.exitValue()).as("exit status; see " + log).isEqualTo(SIGTERM_EXIT);
        assertThat(clients.refusals).as("writes refused while the server stopped: each must be a clean error")
                .allMatch(refusal -> refusal.matches("(4\\d\\d|503) \\{\"error\":\\{\"code\":\"(?!INTERNAL_ERROR).*"));
        assertCleanLog(log);
        assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped with the server").doesNotExist();
        assertThat(claimedTokens()).as("processors that still hold a claim").isEmpty();
        assertAcknowledgedWritesKept(clients, session);
    }

    /**
     * Waits a minute for the first message of a new, quiet session, as agents wait for work;
     * completes with the answer, or with null when the connection was cut.
     */
    private static CompletableFuture<Response> longPoll(ApiClient api, String token) {
        String quiet = api.postJson("/api/v0/sessions", token, "{}").json().get("id").asString();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return api.getHeld("/api/v0/sessions/" + quiet + "/messages?after_seq=0&wait=60", token, Duration.ofSeconds(90));
            } catch (UncheckedIOException cut) {
                return null;
            }
        });
    }

    /** No line at level ERROR, and no stack trace under any level. */
    private static void assertCleanLog(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the server's log " + log).anyMatch(line -> line.contains("Shutdown state set for Processor 'catalog'"))
                .noneMatch(line -> line.matches("\\S+\\s+ERROR\\s.*"))
                .noneMatch(line -> line.matches("\\s+at \\S+\\(.*\\)") || line.startsWith("Caused by: "))
                .noneMatch(line -> line.contains("Timed out during shutdown"));
    }

    private List<String> claimedTokens() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start()) {
            return JdbcClient.create(postgres.getPostgresDatabase())
                    .sql("SELECT processor_name FROM token_entry WHERE owner IS NOT NULL").query(String.class).list();
        }
    }

    /**
     * Every acknowledged message is there with its seq, the seqs have no gap, and each message
     * recorded is in the read model whole; every account recorded has its credentials and can log in.
     */
    private void assertAcknowledgedWritesKept(BusyClients clients, String session) {
        try (ConfigurableApplicationContext restarted = ServerProcess.start(dataDir, "--raworc.sides=command,query",
                "--raworc.admin-password=" + PASSWORD)) {
            ApiClient api = ServerProcess.api(restarted);
            String token = api.login("admin", PASSWORD);
            ServerProcess.awaitProjections(restarted);

            Response messages = api.get("/api/v0/sessions/" + session + "/messages?limit=1000", token);
            List<Long> seqs = SessionApi.seqs(messages);
            assertThat(seqs).isEqualTo(SessionApi.seqs(1, seqs.size()));
            List<BusyClients.Message> kept = messages.json().valueStream()
                    .map(message -> new BusyClients.Message(message.get("seq").asLong(), message.get("content").asString()))
                    .toList();
            assertThat(kept).containsAll(clients.messages).allMatch(message -> BusyClients.isBusyClientMessage(message.content()));
            JsonNode history = api.get("/api/v0/sessions/" + session + "/events?limit=1000", token).json();
            assertThat(SessionApi.strings(history, "type")).filteredOn("MessagePostedEvent"::equals).hasSize(kept.size());

            List<String> recorded = restarted.getBean(JdbcClient.class)
                    .sql("SELECT user_name FROM account_credentials WHERE user_name LIKE :prefix")
                    .param("prefix", BusyClients.ACCOUNT_PREFIX + "%").query(String.class).list();
            List<String> listed = IdentityApi.column(api.get("/api/v0/service-accounts?limit=1000", token), "user")
                    .stream().filter(user -> user.startsWith(BusyClients.ACCOUNT_PREFIX)).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(recorded).containsAll(clients.accounts);
            listed.forEach(user -> api.login(user, BusyClients.ACCOUNT_PASSWORD));
        }
    }
}
