package dev.raworc.platform.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.Public;
import dev.raworc.platform.axon.AxonServerLink;

/**
 * {@code GET /health}: 200 while the database and event store answer, 503 otherwise. A part that
 * has not answered within {@code raworc.readiness.check-timeout} counts as down.
 */
@RestController
@EnableConfigurationProperties(ReadinessProperties.class)
class HealthController {

    record Health(String status, Map<String, ComponentStatus> checks) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<ContainerRuntimeStatus> containerRuntime;
    private final AxonServerLink axonServer;
    private final BoundedCheck<ComponentStatus> databaseCheck;
    private final BoundedCheck<ComponentStatus> eventStoreCheck;
    private final BoundedCheck<ComponentStatus> runtimeCheck;

    HealthController(JdbcClient jdbc, ObjectProvider<ContainerRuntimeStatus> containerRuntime, AxonServerLink axonServer,
                     ReadinessProperties properties) {
        this.jdbc = jdbc;
        this.containerRuntime = containerRuntime;
        this.axonServer = axonServer;
        this.databaseCheck = new BoundedCheck<>("database", properties.checkTimeout());
        this.eventStoreCheck = new BoundedCheck<>("event-store", properties.checkTimeout());
        this.runtimeCheck = new BoundedCheck<>("container-runtime", properties.checkTimeout());
    }

    @GetMapping("/health")
    @Public
    @SecurityRequirements
    @Operation(summary = "Service health: database, event store and container runtime")
    ResponseEntity<Health> health() {
        ComponentStatus database = bounded(databaseCheck, () -> probe("SELECT 1"));
        ComponentStatus eventStore = eventStore(database);
        ContainerRuntimeStatus runtime = containerRuntime.getIfAvailable();
        Map<String, ComponentStatus> checks = new LinkedHashMap<>();
        checks.put("database", database);
        checks.put("event_store", eventStore);
        checks.put("container_runtime", runtime == null ? ComponentStatus.DISABLED : bounded(runtimeCheck, runtime::check));
        boolean up = database == ComponentStatus.UP && eventStore == ComponentStatus.UP;
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(up ? "UP" : "DOWN", checks));
    }

    private ComponentStatus eventStore(ComponentStatus database) {
        if (axonServer.inUse()) {
            return axonServer.isDown() ? ComponentStatus.DOWN : ComponentStatus.UP;
        }
        return database == ComponentStatus.UP
                ? bounded(eventStoreCheck, () -> probe("SELECT count(*) FROM (SELECT 1 FROM domain_event_entry LIMIT 1) AS probe"))
                : ComponentStatus.DOWN;
    }

    private static ComponentStatus bounded(BoundedCheck<ComponentStatus> check, Supplier<ComponentStatus> probe) {
        return check.run(probe).orElse(ComponentStatus.DOWN);
    }

    private ComponentStatus probe(String sql) {
        try {
            jdbc.sql(sql).query().singleValue();
            return ComponentStatus.UP;
        } catch (RuntimeException e) {
            return ComponentStatus.DOWN;
        }
    }
}
