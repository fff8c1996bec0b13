package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import dev.raworc.server.ApiClient.Response;

/** Metrics, probes and request ids, as an operator's tools see them on the management port. */
class OperationsApiTest extends ApiTest {

    @LocalManagementPort
    int managementPort;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventGateway events;

    private ApiClient management() {
        return new ApiClient(managementPort);
    }

    @Test
    void theScrapeShowsEachKeySeries() {
        String admin = adminToken();
        String session = api().postJson("/api/v0/sessions", admin, "{}").json().get("id").asString();
        api().postJson("/api/v0/sessions/" + session + "/messages", admin, "{\"role\":\"system\",\"content\":\"metrics\"}");
        assertThat(api().get("/api/v0/sessions/" + session, admin).status()).isEqualTo(200);

        Response scrape = management().get("/actuator/prometheus", null);

        assertThat(scrape.status()).isEqualTo(200);
        List<String> lines = scrape.text().lines().filter(line -> !line.startsWith("#")).toList();
        assertThat(lines).as("per endpoint template, never per id")
                .anyMatch(series("http_server_requests_seconds_count", "uri=\"/api/v0/sessions/{id}\"", "method=\"GET\""))
                .anyMatch(series("http_server_requests_seconds_count", "uri=\"/api/v0/sessions/{id}/messages\"", "method=\"POST\""))
                .noneMatch(line -> line.contains(session));
        assertThat(lines)
                .anyMatch(series("raworc_processor_lag_events", "group=\"catalog\""))
                .anyMatch(series("raworc_processor_lag_seconds", "group=\"messages\""))
                .anyMatch(series("raworc_sessions", "state=\"init\""))
                .anyMatch(series("commandBus_allTimer_seconds_count", "payloadType=\"PostMessageCommand\""))
                .anyMatch(series("eventProcessor_latency", "processorName=\"messages\""))
                .anyMatch(series("hikaricp_connections_active"))
                .anyMatch(series("jvm_memory_used_bytes"));
    }

    /** The monitoring example's dashboard asks for series the server has (a runner's once it runs). */
    @Test
    void theDashboardAsksForSeriesTheServerHas() throws java.io.IOException {
        String admin = adminToken();
        api().postJson("/api/v0/sessions", admin, "{}");
        String scrape = management().get("/actuator/prometheus", null).text();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "monitoring", "grafana",
                "dashboards", "raworc.json"));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));

        java.util.regex.Matcher names = java.util.regex.Pattern.compile("([a-zA-Z_]+)\\{").matcher(dashboard);
        List<String> asked = names.results().map(name -> name.group(1)).distinct().toList();

        assertThat(asked).contains("raworc_processor_lag_seconds", "raworc_runner_tasks_seconds_bucket");
        assertThat(asked).allSatisfy(name -> {
            String base = name.replaceAll("_(bucket|sum|count)$", "");
            if (base.startsWith("raworc_runner_")) {
                assertThat(readme).as("the README explains " + base).contains(base);
            } else {
                assertThat(scrape).as("the scrape has " + name).contains("\n" + name + "{");
            }
        });
    }

    @Test
    void metricsAreNotServedOnTheApiPort() {
        assertThat(api().get("/actuator/prometheus", null).status()).isIn(401, 404);
        assertThat(api().get("/actuator/prometheus", adminToken()).status()).isEqualTo(404);
    }

    @Test
    void livenessAndReadinessAnswerOnTheManagementPort() {
        Response live = management().get("/actuator/health/liveness", null);
        Response ready = management().get("/actuator/health/readiness", null);

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asString()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(ready.json().get("components").get("readModels").get("details").get("catalog").get("events_behind").asLong())
                .isZero();
    }

    @Test
    void notReadyWhileAReadModelFallsBehind() throws InterruptedException {
        StreamingEventProcessor catalog = processing.eventProcessor("catalog", StreamingEventProcessor.class).orElseThrow();
        catalog.shutDown();
        try {
            events.publish("an event the catalog has not handled yet");

            Response behind = awaitReadiness(status -> status == 503);
            assertThat(behind.json().get("components").get("readModels").get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        } finally {
            catalog.start();
        }
        awaitReadiness(status -> status == 200);
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Response generated = api().get("/api/v0/version", null);
        Response kept = api().send("GET", "/api/v0/version", null, Map.of("X-Request-Id", "gateway-42.a:b_c"));
        Response forged = api().send("GET", "/api/v0/version", null, Map.of("X-Request-Id", "x\" level=ERROR"));
        Response refused = api().send("GET", "/api/v0/sessions", null, Map.of("X-Request-Id", "refused-1"));

        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(kept.header("X-Request-Id")).isEqualTo("gateway-42.a:b_c");
        assertThat(forged.header("X-Request-Id")).as("not a plain token: replaced").matches("[0-9a-f-]{36}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).isEqualTo("refused-1");
    }

    private Response awaitReadiness(java.util.function.IntPredicate status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Response ready = management().get("/actuator/health/readiness", null);
        while (!status.test(ready.status()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = management().get("/actuator/health/readiness", null);
        }
        assertThat(status.test(ready.status())).as("readiness answered " + ready.status() + ": " + ready.text()).isTrue();
        return ready;
    }

    private static Predicate<String> series(String name, String... labels) {
        return line -> line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains);
    }
}
