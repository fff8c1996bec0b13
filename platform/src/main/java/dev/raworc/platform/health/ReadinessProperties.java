package dev.raworc.platform.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxReadModelLag how far behind the newest event the read models may be (the age of the
 *                        oldest event they have not handled) while a query process reports ready
 * @param checkTimeout    how long a probe or {@code GET /health} waits for the database before it
 *                        reports it down: a hung database must not hang the probes
 */
@ConfigurationProperties("raworc.readiness")
record ReadinessProperties(@DefaultValue("10s") Duration maxReadModelLag, @DefaultValue("2s") Duration checkTimeout) {
}
