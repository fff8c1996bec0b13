package dev.raworc.platform.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.Public;
import dev.raworc.platform.axon.AxonServerLink;

/** {@code GET /health}: 200 while the database and event store answer, 503 otherwise. */
@RestController
class HealthController {

    record Health(String status, Map<String, ComponentStatus> checks) {
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<ContainerRuntimeStatus> containerRuntime;
    private final AxonServerLink axonServer;

    HealthController(JdbcClient jdbc, ObjectProvider<ContainerRuntimeStatus> containerRuntime, AxonServerLink axonServer) {
        this.jdbc = jdbc;
        this.containerRuntime = containerRuntime;
        this.axonServer = axonServer;
    }

    @GetMapping("/health")
    @Public
    @SecurityRequirements
    @Operation(summary = "Service health: database, event store and container runtime")
    ResponseEntity<Health> health() {
        ComponentStatus database = probe("SELECT 1");
        ComponentStatus eventStore = eventStore(database);
        ContainerRuntimeStatus runtime = containerRuntime.getIfAvailable();
        Map<String, ComponentStatus> checks = new LinkedHashMap<>();
        checks.put("database", database);
        checks.put("event_store", eventStore);
        checks.put("container_runtime", runtime == null ? ComponentStatus.DISABLED : runtime.check());
        boolean up = database == ComponentStatus.UP && eventStore == ComponentStatus.UP;
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(up ? "UP" : "DOWN", checks));
    }

    private ComponentStatus eventStore(ComponentStatus database) {
        if (axonServer.inUse()) {
            return axonServer.isDown() ? ComponentStatus.DOWN : ComponentStatus.UP;
        }
        return database == ComponentStatus.UP
                ? probe("SELECT count(*) FROM (SELECT 1 FROM domain_event_entry LIMIT 1) AS probe")
                : ComponentStatus.DOWN;
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
