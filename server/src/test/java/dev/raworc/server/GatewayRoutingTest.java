package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.raworc.server.ApiClient.Response;

/**
 * The gateway's routing rules in the real nginx, in front of stand-ins for the sides that say who
 * they are: each request reaches the side that serves it, reads survive a lost query process, and
 * a side that is gone answers 503 in the error envelope.
 */
class GatewayRoutingTest {

    private final List<HttpServer> sides = new ArrayList<>();
    private Gateway gateway;

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        sides.forEach(side -> side.stop(0));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v0/sessions?limit=5, query",
            "HEAD, /api/v0/sessions, query",
            "GET, /api/v0/sessions/1b4e/messages?wait=30, query",
            "GET, /api/v0/auth/me, query",
            "GET, /api/v0/health, query",
            "POST, /api/v0/admin/rebuild, query",
            "POST, /api/v0/auth/login, command",
            "POST, /api/v0/sessions, command",
            "POST, /api/v0/sessions/1b4e/messages, command",
            "PUT, /api/v0/sessions/1b4e/state, command",
            "PATCH, /api/v0/spaces/default, command",
            "DELETE, /api/v0/roles/auditor, command",
    })
    void eachRequestReachesTheSideThatServesIt(String method, String path, String side) throws Exception {
        gateway = Gateway.start(ChildServers.freePort(), side("command").getAddress().getPort(),
                List.of(side("query").getAddress().getPort()));

        Response answer = gateway.api().send(method, path, null, "application/json", method.equals("GET") || method.equals("HEAD") ? null : "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Side")).hasValue(side);
    }

    @Test
    void bodiesPassUnbufferedAndUnlimitedToTheServerWhichEnforcesItsOwnLimit() throws Exception {
        gateway = Gateway.start(ChildServers.freePort(), side("command").getAddress().getPort(),
                List.of(side("query").getAddress().getPort()));
        String body = "x".repeat(3 * 1024 * 1024);

        Response answer = gateway.api().send("POST", "/api/v0/sessions/1b4e/messages", null, "application/json", body);

        assertThat(answer.text()).isEqualTo("received " + body.length() + " bytes");
    }

    @Test
    void readsGoToEveryQueryProcessAndSurviveTheLossOfOne() throws Exception {
        HttpServer first = side("query");
        HttpServer second = side("query");
        Set<Integer> served = ConcurrentHashMap.newKeySet();
        gateway = Gateway.start(ChildServers.freePort(), side("command").getAddress().getPort(),
                List.of(first.getAddress().getPort(), second.getAddress().getPort()));
        for (int i = 0; i < 6; i++) {
            served.add(Integer.parseInt(gateway.api().get("/api/v0/sessions", null).headers().firstValue("X-Port").orElseThrow()));
        }
        assertThat(served).containsExactlyInAnyOrder(first.getAddress().getPort(), second.getAddress().getPort());

        first.stop(0);
        for (int i = 0; i < 6; i++) {
            Response read = gateway.api().get("/api/v0/sessions", null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.headers().firstValue("X-Port")).hasValue(String.valueOf(second.getAddress().getPort()));
        }
    }

    @Test
    void aSideThatIsGoneAnswers503InTheErrorEnvelope() throws Exception {
        HttpServer command = side("command");
        gateway = Gateway.start(ChildServers.freePort(), command.getAddress().getPort(),
                List.of(side("query").getAddress().getPort()));
        command.stop(0);

        Response answer = gateway.api().postJson("/api/v0/sessions", null, "{}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.text()).isEqualTo(
                "{\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"No command process of Raworc is reachable; try again shortly\"}}");
    }

    /** A stand-in side: answers every request with its name and port, and the size of the body it got. */
    private HttpServer side(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, name));
        server.start();
        sides.add(server);
        return server;
    }

    private static void answer(HttpExchange exchange, String name) throws IOException {
        byte[] body = ("received " + exchange.getRequestBody().readAllBytes().length + " bytes").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Side", name);
        exchange.getResponseHeaders().add("X-Port", String.valueOf(exchange.getLocalAddress().getPort()));
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
