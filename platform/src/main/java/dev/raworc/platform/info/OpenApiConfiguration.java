package dev.raworc.platform.info;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.ResolvableType;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The OpenAPI document at {@code /api/v0/openapi.json}: every endpoint needs the bearer token unless marked public. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Raworc API", version = "v0",
                description = "Sessions, messages and access control for computer-use agents."),
        security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A token from POST /api/v0/auth/login")
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    static {
        // resolved by the server from the request, not parameters a client sends as such
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ListScope.class, PageRequest.class);
    }

    /** List endpoints: documented with limit/offset, an array body and the paging headers. */
    @Bean
    OperationCustomizer pagedLists() {
        return (operation, handler) -> {
            if (!Page.class.isAssignableFrom(handler.getMethod().getReturnType())) {
                return operation;
            }
            operation.addParametersItem(new QueryParameter().name("limit").required(false)
                    .description("Page size; larger values are clamped to " + PageRequest.MAX_LIMIT)
                    .schema(new IntegerSchema()._default(PageRequest.DEFAULT_LIMIT).minimum(java.math.BigDecimal.ZERO)));
            operation.addParametersItem(new QueryParameter().name("offset").required(false)
                    .description("Items to skip").schema(new IntegerSchema()._default(0).minimum(java.math.BigDecimal.ZERO)));
            Class<?> item = ResolvableType.forMethodReturnType(handler.getMethod()).getGeneric(0).resolve();
            ApiResponse ok = operation.getResponses().get("200");
            if (ok != null && item != null) {
                ok.content(new Content().addMediaType("application/json", new MediaType().schema(
                        new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + item.getSimpleName())))));
                for (String header : new String[] {"X-Total-Count", "X-Page-Offset", "X-Page-Limit"}) {
                    ok.addHeaderObject(header, new Header().schema(new IntegerSchema()));
                }
            }
            return operation;
        };
    }

    /** Documents bodies as they are on the wire: snake_case, like the API's own mapper writes them. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
