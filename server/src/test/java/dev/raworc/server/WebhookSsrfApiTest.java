package dev.raworc.server;

import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/**
 * With {@code raworc.webhooks.allow-private-targets} off (the default), targets inside the
 * installation's networks are refused: on create and update by what their host resolves to, and
 * at delivery against what it resolves to then. A server of its own, as the shared one allows them.
 */
@DirtiesContext
@SpringBootTest(classes = RaworcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookSsrfApiTest {

    /** A server beside the shared one needs a data directory of its own. */
    private static final Path DATA_DIR = Path.of("target", "test-data", "webhook-ssrf-" + UUID.randomUUID());
    /** TEST-NET-1: a public address nothing answers on, accepted as a target. */
    private static final String PUBLIC = "http://192.0.2.1/hook";

    /** Not an ApiTest: its property source would give this server the shared one's data directory and settings. */
    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("raworc.data-dir", DATA_DIR::toString);
        registry.add("raworc.admin-password", () -> ApiTest.ADMIN_PASSWORD);
        registry.add("raworc.jwt-secret", () -> ApiTest.JWT_SECRET);
        registry.add("raworc.sides", () -> "command,query");
        registry.add("raworc.webhooks.connect-timeout", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void privateTargetsAreRefusedOnCreateAndUpdate() {
        IdentityApi identity = new IdentityApi(new ApiClient(port), new ApiClient(port).login("admin", ApiTest.ADMIN_PASSWORD));
        for (String url : List.of("http://127.0.0.1:8080/", "http://localhost/", "http://10.1.2.3/", "http://172.16.0.1/",
                "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://[::1]/",
                "http://[fd00::1]/", "http://[fe80::1]/", "https://100.64.0.1/")) {
            Response refused = identity.post("/webhooks", WebhookApi.body(url, null, null));
            assertThat(refused.status()).as("%s: %s", url, refused.text()).isEqualTo(400);
            assertThat(refused.error()).as(url).startsWith("BAD_REQUEST: url: host '")
                    .endsWith("a loopback, private, link-local or unspecified address; such targets need "
                            + "raworc.webhooks.allow-private-targets");
        }
        String id = new WebhookApi(identity).create(PUBLIC, null, null).get("id").asString();
        Response update = identity.put("/webhooks/" + id, json("url", "http://127.0.0.1/"));
        assertThat(update.status()).as(update.text()).isEqualTo(400);
        assertThat(new WebhookApi(identity).get(id).get("url").asString()).isEqualTo(PUBLIC);
    }

    /** A name that resolved to a public address when saved and to a private one now is refused at delivery. */
    @Test
    void aTargetThatNowResolvesInsideIsRefusedAtDelivery() throws IOException {
        IdentityApi identity = new IdentityApi(new ApiClient(port), new ApiClient(port).login("admin", ApiTest.ADMIN_PASSWORD));
        String space = unique("ssrf");
        identity.createSpace(space);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookApi webhooks = new WebhookApi(identity);
            String id = webhooks.create(PUBLIC, space, List.of("SessionCreatedEvent")).get("id").asString();
            Eventually.await(Duration.ofSeconds(10), "the outbox knows the webhook", () -> jdbc.sql(
                    "SELECT count(*) FROM webhook_subscriptions WHERE id = :id").param("id", UUID.fromString(id))
                    .query(Long.class).single() == 1);
            // what a changed DNS answer comes to: the saved target now leads to this machine
            jdbc.sql("UPDATE webhook_subscriptions SET url = :url WHERE id = :id")
                    .param("url", receiver.url()).param("id", UUID.fromString(id)).update();

            identity.post("/sessions", json("space", space));

            Eventually.await(Duration.ofSeconds(15), "a refused attempt", () -> !webhooks.deliveries(id).isEmpty()
                    && !webhooks.deliveries(id).get(0).get("attempts").isEmpty());
            JsonNode attempt = webhooks.deliveries(id).get(0).get("attempts").get(0);
            assertThat(attempt.get("status_code").isNull()).isTrue();
            assertThat(attempt.get("error").asString()).contains("resolves to 127.0.0.1");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
