package dev.raworc.platform.health;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} part of health and readiness: Spring's own database check, down when it has not
 * answered within {@code raworc.readiness.check-timeout}. The bean's name takes the place of the
 * unbounded check Spring would otherwise register.
 */
@Component("dbHealthIndicator")
@EnableConfigurationProperties(ReadinessProperties.class)
class DatabaseHealth implements HealthIndicator {

    private final HealthIndicator database;
    private final BoundedCheck<Health> check;

    DatabaseHealth(DataSource dataSource, ReadinessProperties properties) {
        this.database = new DataSourceHealthIndicator(dataSource);
        this.check = new BoundedCheck<>("db", properties.checkTimeout());
    }

    @Override
    public Health health() {
        return check.run(database::health).orElseGet(() -> Health.down().withDetail("error", check.noAnswer()).build());
    }
}
