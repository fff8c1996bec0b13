package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.raworc.server.ApiClient.Response;

/** Health, version and the API documents. */
class ServiceApiTest extends ApiTest {

    @Test
    void healthReportsDatabaseAndEventStoreUp() {
        Response response = api().get("/api/v0/health", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("status").asString()).isEqualTo("UP");
        assertThat(body.at("/checks/database").asString()).isEqualTo("UP");
        assertThat(body.at("/checks/event_store").asString()).isEqualTo("UP");
        assertThat(body.at("/checks/container_runtime").asString()).isEqualTo("DISABLED"); // no runner here
    }

    @Test
    void versionIsTheProjectVersion() {
        Response response = api().get("/api/v0/version", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(ApiClient.JSON.readTree(
                "{\"version\":\"" + System.getProperty("project.version") + "\",\"api\":\"v0\"}"));
    }

    @Test
    void openApiDocumentDescribesTheEndpointsWithTheBearerScheme() {
        Response response = api().get("/api/v0/openapi.json", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.get("paths").propertyNames())
                .contains("/api/v0/health", "/api/v0/version", "/api/v0/auth/login", "/api/v0/auth/me");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1v0~1auth~1me/get/security").isMissingNode()).isTrue();
        assertThat(document.at("/paths/~1api~1v0~1auth~1login/post/security").isEmpty()).isTrue();
        assertThat(document.at("/components/schemas/LoginResponse/properties").propertyNames())
                .containsExactlyInAnyOrder("token", "token_type", "expires_at", "user");
        assertThat(document.at("/components/schemas/LoginUser/properties").propertyNames())
                .containsExactlyInAnyOrder("username", "role");
    }

    @Test
    void listsAreDocumentedAsPagedArrays() {
        JsonNode document = api().get("/api/v0/openapi.json", null).json();
        JsonNode list = document.at("/paths/~1api~1v0~1spaces/get");

        assertThat(list.get("parameters").findValuesAsString("name")).containsExactlyInAnyOrder("active", "limit", "offset");
        assertThat(list.at("/responses/200/content/application~1json/schema/type").asString()).isEqualTo("array");
        assertThat(list.at("/responses/200/content/application~1json/schema/items/$ref").asString())
                .isEqualTo("#/components/schemas/SpaceView");
        assertThat(list.at("/responses/200/headers").propertyNames())
                .containsExactlyInAnyOrder("X-Total-Count", "X-Page-Offset", "X-Page-Limit");
        assertThat(document.get("paths").propertyNames()).doesNotContain("/error");
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        Response response = api().get("/api/v0/swagger-ui/index.html", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("Swagger UI");
    }
}
