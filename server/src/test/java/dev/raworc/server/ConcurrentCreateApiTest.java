package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.raworc.server.ApiClient.Response;

/** Unique names are claimed on the command side: of simultaneous creates of one name exactly one wins. */
class ConcurrentCreateApiTest extends ApiTest {

    private static final int CALLERS = 20;

    @Test
    void twentySimultaneousCreatesOfOneUserMakeOneAccount() throws Exception {
        String user = unique("race");
        String token = adminToken();
        String body = json("user", user, "pass", IdentityApi.PASSWORD);

        List<Response> responses = simultaneously(() -> api().postJson("/api/v0/service-accounts", token, body));

        assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(response -> response.status() == 409).hasSize(CALLERS - 1)
                .allSatisfy(conflict -> assertThat(conflict.error())
                        .isEqualTo("CONFLICT: Service account '" + user + "' already exists"));
        awaitProjections();
        assertThat(jdbc.sql("SELECT count(*) FROM service_accounts WHERE user_name = :user")
                .param("user", user).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'dev.raworc.api.account.ServiceAccountCreatedEvent'
                  AND CAST(convert_from(payload, 'UTF8') AS jsonb) ->> 'user' = :user""")
                .param("user", user).query(Long.class).single()).isEqualTo(1);
    }

    /** Runs the call on {@link #CALLERS} threads released together, and collects every answer. */
    private static List<Response> simultaneously(Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch ready = new CountDownLatch(CALLERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
