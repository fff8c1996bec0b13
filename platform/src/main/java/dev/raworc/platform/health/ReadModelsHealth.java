package dev.raworc.platform.health;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.raworc.platform.ConditionalOnSide;
import dev.raworc.platform.Side;
import dev.raworc.platform.axon.ProcessorLag;
import dev.raworc.platform.axon.ReadModelGroups;

/**
 * The {@code readModels} part of a query process's readiness: out of service while a read model is
 * further behind than {@code raworc.readiness.max-read-model-lag} (during a rebuild, say), so a
 * balancer sends reads elsewhere instead of answers from the past. Down when the positions cannot
 * be read within {@code raworc.readiness.check-timeout} (the database is unreachable or hangs).
 */
@Component("readModels")
@ConditionalOnSide(Side.QUERY)
@EnableConfigurationProperties(ReadinessProperties.class)
class ReadModelsHealth extends AbstractHealthIndicator {

    private final ProcessorLag lag;
    private final ReadinessProperties properties;
    private final BoundedCheck<List<ProcessorLag.Behind>> check;

    ReadModelsHealth(ProcessorLag lag, ReadinessProperties properties) {
        this.lag = lag;
        this.properties = properties;
        this.check = new BoundedCheck<>("readModels", properties.checkTimeout());
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Optional<List<ProcessorLag.Behind>> positions = check.run(() -> lag.of(ReadModelGroups.ALL));
        if (positions.isEmpty()) {
            health.down().withDetail("error", check.noAnswer());
            return;
        }
        List<ProcessorLag.Behind> groups = positions.get();
        boolean tooFar = groups.stream().anyMatch(group -> group.time().compareTo(properties.maxReadModelLag()) > 0);
        if (tooFar) {
            health.outOfService();
        } else {
            health.up();
        }
        health.withDetail("max_lag_seconds", properties.maxReadModelLag().toSeconds());
        groups.forEach(group -> health.withDetail(group.group(), Map.of(
                "position", group.position(),
                "events_behind", group.events(),
                "seconds_behind", group.time().toMillis() / 1000.0)));
    }
}
