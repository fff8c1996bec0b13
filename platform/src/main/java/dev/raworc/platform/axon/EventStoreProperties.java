package dev.raworc.platform.axon;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the PostgreSQL event store ({@code RAWORC_EVENT_STORE_GAP_TIMEOUT}, …).
 *
 * @param gapTimeout how long the read models wait for an event whose global index was taken by a
 *                   transaction that has not committed. Past it the index is given up as a gap
 *                   that will never fill (its transaction rolled back or died in a crash). A
 *                   transaction that commits later than this is skipped by the read models, so
 *                   keep it well above the longest write.
 */
@ConfigurationProperties("raworc.event-store")
record EventStoreProperties(@DefaultValue("60s") Duration gapTimeout) {

    EventStoreProperties {
        if (gapTimeout.isNegative() || gapTimeout.isZero() || gapTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("raworc.event-store.gap-timeout must be positive and at most 24 days, not " + gapTimeout);
        }
    }
}
