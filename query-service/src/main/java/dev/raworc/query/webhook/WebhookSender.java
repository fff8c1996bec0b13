package dev.raworc.query.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.platform.webhook.WebhookProperties;
import dev.raworc.platform.webhook.WebhookTargets;

/**
 * One delivery attempt, signed as Standard Webhooks says: {@code webhook-signature} is {@code v1,}
 * and base64 of HMAC-SHA256, keyed with the secret's bytes after {@code whsec_}, over
 * {@code id.timestamp.body}. Redirects are not followed: they could lead anywhere.
 */
@Component
class WebhookSender {

    /** What one attempt came to: a status code when the target answered, an error when not. */
    record Outcome(Integer statusCode, long latencyMs, String error) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    static final String PREFIX = "whsec_";

    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final HttpClient http;

    WebhookSender(WebhookTargets targets, WebhookProperties properties) {
        this.targets = targets;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    /** @throws InterruptedException when the process stops mid-attempt: the attempt does not count */
    Outcome send(String url, String secret, String messageId, String body) throws InterruptedException {
        long start = System.nanoTime();
        try {
            URI target = URI.create(url);
            // checked again now: the name may resolve elsewhere than when the webhook was saved
            targets.resolve(target);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "raworc-webhooks")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", signature(secret, messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, millisSince(start), status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (DomainException refused) {
            return new Outcome(null, millisSince(start), refused.getMessage());
        } catch (IOException | IllegalArgumentException failed) {
            String reason = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            return new Outcome(null, millisSince(start), reason);
        }
    }

    static String signature(String secret, String messageId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
