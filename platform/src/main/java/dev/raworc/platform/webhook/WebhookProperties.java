package dev.raworc.platform.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook deliveries ({@code RAWORC_WEBHOOKS_…}).
 *
 * @param allowPrivateTargets whether targets may resolve to loopback, private, link-local,
 *                            unique-local or unspecified addresses (off: refused, against SSRF)
 * @param connectTimeout      connecting to a target
 * @param requestTimeout      one delivery attempt, from sending to the answer's status
 * @param backoffBase         the wait after a first failed attempt
 * @param backoffFactor       each further failed attempt waits this many times longer …
 * @param backoffCap          … but never longer than this
 * @param maxAttempts         attempts of one delivery; after the last the delivery is kept as
 *                            {@code failed} and the webhook shows {@code failing}
 * @param pollInterval        how often an idle delivery worker looks for due deliveries
 * @param workers             delivery threads per query process
 */
@ConfigurationProperties("raworc.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateTargets,
                                @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
                                @DefaultValue("1s") Duration backoffBase, @DefaultValue("2") double backoffFactor,
                                @DefaultValue("10m") Duration backoffCap, @DefaultValue("8") int maxAttempts,
                                @DefaultValue("1s") Duration pollInterval, @DefaultValue("2") int workers) {

    public WebhookProperties {
        if (maxAttempts < 1 || workers < 1 || backoffFactor < 1) {
            throw new IllegalArgumentException("raworc.webhooks: max-attempts and workers must be at least 1, "
                    + "backoff-factor at least 1");
        }
    }

    /** The wait before the attempt after {@code failedAttempts} failed ones: base × factor^(n−1), capped. */
    public Duration backoffAfter(int failedAttempts) {
        double millis = backoffBase.toMillis() * Math.pow(backoffFactor, Math.max(0, failedAttempts - 1));
        return millis >= backoffCap.toMillis() ? backoffCap : Duration.ofMillis((long) millis);
    }
}
