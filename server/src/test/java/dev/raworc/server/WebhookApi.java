package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Helpers of the webhook tests: requests under {@code /api/v0} as admin through {@link IdentityApi}. */
final class WebhookApi {

    /** Every field of a webhook (docs/api.md, Webhooks); the create's answer adds {@code secret}. */
    static final String[] FIELDS = {"id", "url", "event_types", "space", "active", "status", "created_at", "created_by"};

    private final IdentityApi identity;

    WebhookApi(IdentityApi identity) {
        this.identity = identity;
    }

    /** A new webhook as admin; its answer holds the signing secret. */
    JsonNode create(String url, String space, List<String> eventTypes) {
        Response created = identity.post("/webhooks", body(url, space, eventTypes));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    static String body(String url, String space, List<String> eventTypes) {
        return IdentityApi.json("url", url, "space", space, "event_types", eventTypes);
    }

    JsonNode get(String id) {
        Response webhook = identity.get("/webhooks/" + id);
        assertThat(webhook.status()).as(webhook.text()).isEqualTo(200);
        return webhook.json();
    }

    /** The webhook's deliveries, oldest first. */
    JsonNode deliveries(String id) {
        Response deliveries = identity.get("/webhooks/" + id + "/deliveries?limit=1000");
        assertThat(deliveries.status()).as(deliveries.text()).isEqualTo(200);
        return deliveries.json();
    }
}
