package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.SessionApi.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Messages posted to one session at once are numbered 1, 2, 3 … without gaps or duplicates (spec §7). */
class MessageConcurrencyApiTest extends ApiTest {

    private static final int CLIENTS = 10;
    private static final int MESSAGES_PER_CLIENT = 50;
    private static final int TOTAL = CLIENTS * MESSAGES_PER_CLIENT;

    @Test
    void tenClientsPostingFiftyMessagesEachGetSeqOneToFiveHundred() throws Exception {
        IdentityApi identity = new IdentityApi(api(), adminToken());
        SessionApi sessions = new SessionApi(identity);
        String session = id(sessions.create());
        String path = IdentityApi.BASE + "/sessions/" + session + "/messages";
        String token = adminToken();

        // each client has its own connection; "system" messages change no session state
        List<Response> answers = concurrently(client -> {
            ApiClient api = api();
            List<Response> posted = new ArrayList<>();
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                posted.add(api.postJson(path, token, json("role", "system", "content", "client " + client + " message " + i)));
            }
            return posted;
        });

        assertThat(answers).hasSize(TOTAL).allSatisfy(answer -> assertThat(answer.status()).as(answer.text()).isEqualTo(201));
        assertThat(answers).extracting(answer -> answer.json().get("seq").asLong())
                .containsExactlyInAnyOrderElementsOf(SessionApi.seqs(1, TOTAL));

        Map<String, JsonNode> listed = new HashMap<>();
        List<Long> listedSeqs = new ArrayList<>();
        for (JsonNode message : allMessages(identity, session)) {
            listed.put(id(message), message);
            listedSeqs.add(message.get("seq").asLong());
        }
        assertThat(listedSeqs).isEqualTo(SessionApi.seqs(1, TOTAL));
        for (Response answer : answers) {
            assertThat(listed.get(id(answer.json()))).as("posted message %s", answer.text()).isEqualTo(answer.json());
        }
        assertThat(sessions.count(session, "")).isEqualTo(TOTAL);
        assertThat(sessions.get(session).get("state").asString()).isEqualTo("init");
    }

    /** Every message of the session, read page by page, oldest first. */
    private static List<JsonNode> allMessages(IdentityApi identity, String session) {
        List<JsonNode> messages = new ArrayList<>();
        while (true) {
            Response page = identity.get("/sessions/" + session + "/messages?limit=1000&offset=" + messages.size());
            assertThat(page.header("X-Total-Count")).isEqualTo(Integer.toString(TOTAL));
            if (page.json().isEmpty()) {
                return messages;
            }
            page.json().forEach(messages::add);
        }
    }

    /** Runs one call per client, all released together, and collects every answer. */
    private static List<Response> concurrently(Client call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Response>>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                futures.add(pool.submit((Callable<List<Response>>) () -> {
                    ready.countDown();
                    go.await();
                    return call.posts(client);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<List<Response>> future : futures) {
                answers.addAll(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Client {
        List<Response> posts(int client) throws Exception;
    }
}
