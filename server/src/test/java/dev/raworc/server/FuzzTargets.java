package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;

/**
 * What the fuzz test aims at: every endpoint of the server's own OpenAPI document, and a few
 * objects that exist (a space, a session with a message, a secret, a role, an account other than
 * {@code admin} and its binding), so ids that exist are tried beside ids that do not.
 */
final class FuzzTargets {

    record Endpoint(String method, String template, List<String> queryParameters) {

        String key() {
            return method + " " + template.substring("/api/v0".length());
        }
    }

    /**
     * Rebuilding the read models is an administrator's long operation, not input handling; a stream
     * that opens stays open (EventStreamApiTest has their bad input).
     */
    private static final java.util.Set<String> EXCLUDED = java.util.Set.of("POST /admin/rebuild",
            "GET /sessions/{id}/events/stream", "GET /spaces/{name}/events/stream");

    final List<Endpoint> endpoints;
    final List<String> existingIds;
    final String adminToken;
    final String viewerToken;

    private FuzzTargets(List<Endpoint> endpoints, List<String> existingIds, String adminToken, String viewerToken) {
        this.endpoints = endpoints;
        this.existingIds = existingIds;
        this.adminToken = adminToken;
        this.viewerToken = viewerToken;
    }

    static FuzzTargets create(ApiClient api, String adminToken) {
        List<String> ids = new ArrayList<>(List.of("default", "fz", "fz-session", "FZ_KEY", "fz-role", "fuzzy"));
        created(api.postJson("/api/v0/spaces", adminToken, "{\"name\":\"fz\"}"));
        String session = created(api.postJson("/api/v0/sessions", adminToken, "{\"name\":\"fz-session\",\"space\":\"fz\"}"))
                .get("id").asString();
        created(api.postJson("/api/v0/sessions/" + session + "/messages", adminToken, "{\"content\":\"hello\"}"));
        created(api.postJson("/api/v0/spaces/fz/secrets", adminToken, "{\"key\":\"FZ_KEY\",\"value\":\"v\"}"));
        created(api.postJson("/api/v0/roles", adminToken, "{\"name\":\"fz-role\",\"rules\":[{\"api_groups\":[\"api\"],"
                + "\"resources\":[\"sessions\"],\"verbs\":[\"get\"]}]}"));
        created(api.postJson("/api/v0/service-accounts", adminToken, "{\"user\":\"fuzzy\",\"pass\":\"fuzzy-password\"}"));
        String binding = created(api.postJson("/api/v0/role-bindings", adminToken,
                "{\"role_name\":\"viewer\",\"principal\":\"fuzzy\"}")).get("id").asString();
        ids.add(session);
        ids.add(binding);
        return new FuzzTargets(endpoints(api), ids, adminToken, api.login("fuzzy", "fuzzy-password"));
    }

    Arbitrary<Endpoint> endpoint() {
        return Arbitraries.of(endpoints);
    }

    /** A path variable: an id that exists, one that does not, or something that is no id at all. */
    Arbitrary<String> pathSegment() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(existingIds)),
                Tuple.of(2, Arbitraries.create(() -> UUID.randomUUID().toString())),
                Tuple.of(1, FuzzText.name()),
                Tuple.of(2, FuzzText.onTheWire(FuzzText.hostile())));
    }

    Arbitrary<String> path(Endpoint endpoint) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String part : endpoint.template().split("(?=\\{)|(?<=\\})")) {
            parts.add(part.startsWith("{") ? pathSegment() : Arbitraries.just(part));
        }
        return net.jqwik.api.Combinators.combine(parts).as(values -> String.join("", values));
    }

    /** Admin (who may do anything), a viewer, no token, or a token that is not one. */
    Arbitrary<String> authorization() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("Bearer " + adminToken)),
                Tuple.of(1, Arbitraries.just("Bearer " + viewerToken)),
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("Bearer", "Bearer ", "Basic YWRtaW46eA==", "bearer " + adminToken,
                        "Bearer a.b.c", "Bearer " + adminToken + "x", "Bearer \u0085", "Bearer " + "a".repeat(6000),
                        "Bearer " + adminToken.substring(0, 20) + "\u00e9", "Bearer " + adminToken + "\u0085",
                        "Bearer " + adminToken + "\u0001")));
    }

    private static List<Endpoint> endpoints(ApiClient api) {
        JsonNode paths = api.get("/api/v0/openapi.json", null).json().get("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                List<String> query = new ArrayList<>();
                operation.getValue().path("parameters").forEach(parameter -> {
                    if ("query".equals(parameter.path("in").asString())) {
                        query.add(parameter.get("name").asString());
                    }
                });
                Endpoint endpoint = new Endpoint(operation.getKey().toUpperCase(), path.getKey(), query);
                if (!EXCLUDED.contains(endpoint.key())) {
                    endpoints.add(endpoint);
                }
            }
        }
        assertThat(endpoints).hasSizeGreaterThan(40);
        return endpoints;
    }

    private static JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json();
    }
}
