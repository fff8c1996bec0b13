package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.raworc.platform.access.AdminOnly;
import dev.raworc.platform.access.AnyAuthenticated;
import dev.raworc.platform.access.Public;
import dev.raworc.platform.access.RequiresPermission;

/** Every endpoint of ours says who may call it; the permission interceptor refuses any that does not. */
class EndpointDeclarationTest extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointDeclaresItsAccess() {
        List<String> undeclared = mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> entry.getValue().getBeanType().getPackageName().startsWith("dev.raworc"))
                .filter(entry -> declarations(entry.getValue()) != 1)
                .map(entry -> entry.getKey() + " -> " + entry.getValue())
                .toList();

        assertThat(undeclared).isEmpty();
        assertThat(mappings.getHandlerMethods().values()).filteredOn(method -> method.hasMethodAnnotation(RequiresPermission.class))
                .hasSizeGreaterThan(15);
    }

    private static int declarations(HandlerMethod method) {
        return (method.hasMethodAnnotation(Public.class) ? 1 : 0)
                + (method.hasMethodAnnotation(AdminOnly.class) ? 1 : 0)
                + (method.hasMethodAnnotation(AnyAuthenticated.class) ? 1 : 0)
                + (method.hasMethodAnnotation(RequiresPermission.class) ? 1 : 0);
    }
}
