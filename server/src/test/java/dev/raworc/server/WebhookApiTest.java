package dev.raworc.server;

import static dev.raworc.server.IdentityApi.assertCreated;
import static dev.raworc.server.IdentityApi.assertError;
import static dev.raworc.server.IdentityApi.assertFields;
import static dev.raworc.server.IdentityApi.assertNoContent;
import static dev.raworc.server.IdentityApi.assertTimestamp;
import static dev.raworc.server.IdentityApi.column;
import static dev.raworc.server.IdentityApi.json;
import static dev.raworc.server.IdentityApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** The webhook endpoints' answers and refusals; deliveries are {@link WebhookDeliveryApiTest}'s. */
class WebhookApiTest extends ApiTest {

    private static final String URL = "http://127.0.0.1:9/hook";

    private IdentityApi identity;
    private WebhookApi webhooks;
    private String space;

    @BeforeEach
    void setUp() {
        identity = new IdentityApi(api(), adminToken());
        webhooks = new WebhookApi(identity);
        space = unique("hooks");
        identity.createSpace(space);
    }

    @Test
    void createAnswers201WithTheSecretOnceAndStoresItOnlySealed() {
        Response created = identity.post("/webhooks", WebhookApi.body(URL, space, List.of("MessagePostedEvent")));

        JsonNode webhook = assertCreated(created, "/api/v0/webhooks/" + created.json().get("id").asString());
        assertFields(webhook, Stream.concat(Stream.of(WebhookApi.FIELDS), Stream.of("secret")).toArray(String[]::new));
        String secret = webhook.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(webhook.get("url").asString()).isEqualTo(URL);
        assertThat(column(identity.get("/webhooks/" + webhook.get("id").asString() + "/deliveries"), "id")).isEmpty();
        assertThat(webhook.get("event_types").get(0).asString()).isEqualTo("MessagePostedEvent");
        assertThat(webhook.get("space").asString()).isEqualTo(space);
        assertThat(webhook.get("active").asBoolean()).isTrue();
        assertThat(webhook.get("status").asString()).isEqualTo("healthy");
        assertThat(webhook.get("created_by").asString()).isEqualTo("admin");
        assertTimestamp(webhook, "created_at");

        Response read = api().get(created.header("Location"), adminToken());
        assertFields(read.json(), WebhookApi.FIELDS);
        assertThat(read.text()).isEqualTo(created.text().replace(",\"secret\":\"" + secret + "\"", ""));
        assertThat(column(identity.get("/webhooks?limit=1000"), "id")).contains(webhook.get("id").asString());
        assertThat(storedAnywhere(secret)).isFalse();
    }

    @Test
    void aGlobalWebhookWithoutFiltersTakesEveryEventType() {
        JsonNode webhook = webhooks.create(URL, null, null);

        assertThat(webhook.get("space").isNull()).isTrue();
        assertThat(webhook.get("event_types").isEmpty()).isTrue();
    }

    @Test
    void updateChangesWhatItIsGivenAndNothingElse() {
        String id = webhooks.create(URL, space, List.of()).get("id").asString();

        Response updated = identity.put("/webhooks/" + id, json("url", "http://127.0.0.1:10/other",
                "event_types", List.of("SessionCreatedEvent", "MessagePostedEvent", "SessionCreatedEvent")));
        Response deactivated = identity.put("/webhooks/" + id, json("active", false));

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("event_types").toString()).isEqualTo("[\"MessagePostedEvent\",\"SessionCreatedEvent\"]");
        assertThat(deactivated.json().get("url").asString()).isEqualTo("http://127.0.0.1:10/other");
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(webhooks.get(id).toString()).isEqualTo(deactivated.json().toString());
        long events = eventsOf(id);
        assertThat(identity.put("/webhooks/" + id, json("active", false)).status()).isEqualTo(200);
        assertThat(eventsOf(id)).as("an update that changes nothing records nothing").isEqualTo(events);
    }

    @Test
    void aDeletedWebhookIsGoneEverywhere() {
        String id = webhooks.create(URL, space, List.of()).get("id").asString();

        assertNoContent(identity.delete("/webhooks/" + id));

        String missing = "NOT_FOUND: Webhook " + id + " not found";
        assertError(identity.get("/webhooks/" + id), 404, missing);
        assertError(identity.get("/webhooks/" + id + "/deliveries"), 404, missing);
        assertError(identity.put("/webhooks/" + id, json("active", true)), 404, missing);
        assertError(identity.post("/webhooks/" + id + "/replay?from=0", "{}"), 404, missing);
        assertError(identity.delete("/webhooks/" + id), 404, missing);
        assertThat(column(identity.get("/webhooks?limit=1000"), "id")).doesNotContain(id);
        assertError(identity.get("/webhooks/not-a-uuid"), 404, "NOT_FOUND: Webhook not-a-uuid not found");
    }

    @Test
    void theIdOfAnotherKindOfObjectIsNoWebhook() {
        String session = new SessionApi(identity).create().get("id").asString();

        for (ApiClient.Response answer : List.of(identity.get("/webhooks/" + session),
                identity.put("/webhooks/" + session, json("active", true)),
                identity.post("/webhooks/" + session + "/replay?from=0", "{}"), identity.delete("/webhooks/" + session))) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.json().get("error").get("code").asString()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void badUrlsAre400() {
        for (String url : List.of("ftp://example.com/x", "not a url", "http:///no-host", "mailto:a@example.com",
                "http://user:pass@example.com/", "x".repeat(3000))) {
            Response refused = identity.post("/webhooks", WebhookApi.body(url, space, null));
            assertThat(refused.status()).as("%s: %s", url, refused.text()).isEqualTo(400);
            assertThat(refused.error()).startsWith("BAD_REQUEST: url: ");
        }
        String id = webhooks.create(URL, space, null).get("id").asString();
        assertError(identity.put("/webhooks/" + id, json("url", "gopher://example.com")), 400,
                "BAD_REQUEST: url: must use http or https");
    }

    @Test
    void invalidFieldsAre422() {
        assertError(identity.post("/webhooks", WebhookApi.body(URL, space, List.of("SessionCreated"))), 422,
                "VALIDATION_ERROR: event_types: [SessionCreated] are not session event types; known are "
                        + "[CheckpointRecordedEvent, CheckpointsExpiredEvent, FileDeletedEvent, FilesWrittenEvent, "
                        + "MessagePostedEvent, MessagesClearedEvent, SessionClosedEvent, SessionCreatedEvent, "
                        + "SessionDeletedEvent, SessionForkedEvent, SessionMetadataChangedEvent, SessionPlacedEvent, "
                        + "SessionReadyEvent, SessionRenamedEvent, SessionRestoredEvent, SessionStateChangedEvent]");
        assertError(identity.post("/webhooks", WebhookApi.body(URL, "no-such-space-x", null)), 422,
                "VALIDATION_ERROR: space: Space 'no-such-space-x' does not exist");
        assertThat(identity.post("/webhooks", json("space", space)).status()).isEqualTo(422);
        assertThat(identity.post("/webhooks", json("url", URL, "secret", "mine")).status()).isEqualTo(422);
        assertThat(identity.post("/webhooks", json("url", URL, "event_types", List.of(1))).status()).isEqualTo(422);
    }

    @Test
    void replayNeedsAPositionAndAnActiveWebhook() {
        String id = webhooks.create(URL, space, null).get("id").asString();

        assertThat(identity.post("/webhooks/" + id + "/replay", "{}").status()).isEqualTo(400);
        assertThat(identity.post("/webhooks/" + id + "/replay?from=x", "{}").status()).isEqualTo(400);
        assertError(identity.post("/webhooks/" + id + "/replay?from=-1", "{}"), 400,
                "BAD_REQUEST: from: must be a global position, 0 or more");
        identity.put("/webhooks/" + id, json("active", false));
        assertError(identity.post("/webhooks/" + id + "/replay?from=0", "{}"), 409,
                "CONFLICT: Webhook " + id + " is not active: activate it before a replay");
        identity.put("/webhooks/" + id, json("active", true));
        Response replay = identity.post("/webhooks/" + id + "/replay?from=0", "{}");
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        assertThat(replay.json().toString()).isEqualTo("{\"webhook_id\":\"" + id + "\",\"from\":0}");
    }

    private boolean storedAnywhere(String secret) {
        awaitProjections();
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(:s, 'UTF8') IN payload) > 0")
                .param("s", secret).query(Long.class).single() > 0
                || jdbc.sql("SELECT count(*) FROM webhook_subscriptions s WHERE s::text LIKE '%' || :s || '%'")
                .param("s", secret).query(Long.class).single() > 0
                || jdbc.sql("SELECT count(*) FROM webhooks w WHERE w::text LIKE '%' || :s || '%'")
                .param("s", secret).query(Long.class).single() > 0;
    }

    private long eventsOf(String aggregate) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id").param("id", aggregate)
                .query(Long.class).single();
    }
}
