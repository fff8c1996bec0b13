package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.server.ApiClient.Response;

/**
 * A write through a command-only process answers once the query process's read models show it
 * (their stored tokens say so), and at once with a lagging header when no query process runs.
 */
class ReadYourWritesAcrossProcessesTest {

    private static final String LAGGING = "Raworc-Read-Models";

    @Test
    void aWriteThroughACommandProcessIsVisibleAtOnceElsewhereAndLagsWhenNoReadModelsRun() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query")) {
            ApiClient reads = server.api();
            String token = reads.login("admin", ApiTest.ADMIN_PASSWORD);
            for (String name : new String[] {"gone-0", "gone-1", "gone-2", "gone-3", "no-readers"}) {
                assertThat(reads.postJson("/api/v0/spaces", token, "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
            }
            ApiClient command = server.startCommandProcess();

            for (int i = 0; i < 4; i++) {
                Response deleted = command.send("DELETE", "/api/v0/spaces/gone-" + i, token, null, null);
                assertThat(deleted.status()).isEqualTo(204);
                assertThat(deleted.header(LAGGING)).isNull();
                assertThat(reads.get("/api/v0/spaces/gone-" + i, token).status())
                        .as("read through the process with the read models").isEqualTo(404);
            }

            server.stop(reads);
            long started = System.nanoTime();
            Response alone = command.send("DELETE", "/api/v0/spaces/no-readers", token, null, null);
            assertThat(alone.status()).isEqualTo(204);
            assertThat(alone.header(LAGGING)).as("no process runs the read models").isEqualTo("lagging");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("gives up at once").isLessThan(Duration.ofSeconds(2));
        }
    }
}
