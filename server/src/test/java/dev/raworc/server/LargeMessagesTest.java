package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A server on the heap the README recommends reads messages of the largest size back, and their
 * events, in pages it can hold: a page of 40 messages of 1 MiB once ran the heap out. Forty, not more: Axon's event
 * store keeps the newest 10 000 events in memory whatever their size, and about 60 messages of
 * 1 MiB in a row fill this heap by themselves (see the README's Performance notes).
 */
class LargeMessagesTest {

    private static final int MIB = 1 << 20;

    @Test
    void fortyMessagesOfOneMebibyteAreReadBackInPagesOfEightMebibytes() throws Exception {
        int port = ChildServers.freePort();
        Path log = ChildServers.log("large-messages");
        Process server = ChildServers.start(log, List.of("-Xmx160m", "-XX:+UseSerialGC"), "--server.port=" + port,
                "--raworc.data-dir=" + ServerProcess.newDataDirectory("large-messages"),
                "--raworc.sides=command,query", "--raworc.admin-password=large-messages-password");
        try {
            ApiClient api = new ApiClient(port);
            String token = api.login("admin", "large-messages-password");
            String session = api.postJson("/api/v0/sessions", token, "{}").json().get("id").asString();
            String message = ApiClient.JSON.writeValueAsString(Map.of("role", "system", "content", "m".repeat(MIB)));

            for (int i = 1; i <= 40; i++) {
                ApiClient.Response posted = api.postJson("/api/v0/sessions/" + session + "/messages", token, message);
                assertThat(posted.status()).as("message %d; see %s", i, log).isEqualTo(201);
            }
            ApiClient.Response page = api.get("/api/v0/sessions/" + session + "/messages?limit=1000", token);
            assertThat(page.status()).as("a page of them; see %s", log).isEqualTo(200);
            assertThat(page.json()).hasSize(8);
            assertThat(page.header("X-Page-Limit")).isEqualTo("8");
            assertThat(page.header("X-Total-Count")).isEqualTo("40");
            assertThat(api.get("/api/v0/sessions/" + session + "/messages?offset=36", token).json()).hasSize(4);
            ApiClient.Response history = api.get("/api/v0/sessions/" + session + "/events?limit=1000", token);
            assertThat(history.status()).as("its history; see %s", log).isEqualTo(200);
            assertThat(history.header("X-Page-Limit")).as("created and 8 messages").isEqualTo("9");
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            server.destroy();
            if (!server.waitFor(1, TimeUnit.MINUTES)) {
                server.destroyForcibly();
            }
        }
    }
}
