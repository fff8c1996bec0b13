package dev.raworc.platform.webhook;

/** {@link WebhookTargets} for module tests of the delivery side, built without Spring. */
public final class TestWebhookTargets {

    private TestWebhookTargets() {
    }

    public static WebhookTargets of(WebhookProperties properties) {
        return new WebhookTargets(properties);
    }
}
