package dev.raworc.query.session;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.SessionState;

/**
 * {@code raworc_sessions{state}}: sessions that are not deleted, per state, from the read model's
 * per-space counts (a few rows, not a count over every session). Read once per scrape.
 */
@Component
class SessionStateGauges {

    private static final long KEEP_NANOS = Duration.ofSeconds(1).toNanos();

    private record Counts(long at, Map<String, Long> byState) {
    }

    private final JdbcClient jdbc;
    private volatile Counts last = new Counts(System.nanoTime() - KEEP_NANOS, Map.of());

    SessionStateGauges(MeterRegistry registry, JdbcClient jdbc) {
        this.jdbc = jdbc;
        for (SessionState state : SessionState.values()) {
            Gauge.builder("raworc.sessions", () -> counts().getOrDefault(state.wireName(), 0L))
                    .description("Sessions per state (deleted ones left out)")
                    .tag("state", state.wireName())
                    .register(registry);
        }
    }

    private Map<String, Long> counts() {
        Counts kept = last;
        if (System.nanoTime() - kept.at() < KEEP_NANOS) {
            return kept.byState();
        }
        Map<String, Long> byState = jdbc.sql("SELECT state, sum(sessions) AS sessions FROM session_counts GROUP BY state")
                .query((rs, row) -> Map.entry(rs.getString("state"), rs.getLong("sessions")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        last = new Counts(System.nanoTime(), byState);
        return byState;
    }
}
