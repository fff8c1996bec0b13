package dev.raworc.platform.access;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * Applies {@link RequiresPermission} to every endpoint of ours, and fails closed: a handler that
 * declares neither a permission, {@link AdminOnly}, {@link AnyAuthenticated} nor {@link Public} is refused.
 */
class PermissionInterceptor implements HandlerInterceptor {

    static final String LIST_SCOPE = PermissionInterceptor.class.getName() + ".listScope";

    private final PermissionEvaluator evaluator;
    private final Map<Resource, TargetResolver> resolvers;

    PermissionInterceptor(PermissionEvaluator evaluator, List<TargetResolver> resolvers) {
        this.evaluator = evaluator;
        this.resolvers = resolvers.stream().collect(Collectors.toMap(TargetResolver::resource, Function.identity()));
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getPackageName().startsWith("dev.raworc")
                || method.hasMethodAnnotation(Public.class)
                || request.getDispatcherType() == DispatcherType.ASYNC) { // the first dispatch was checked
            return true;
        }
        AuthenticatedAccount caller = caller();
        if (method.hasMethodAnnotation(AnyAuthenticated.class)) {
            return true;
        }
        if (method.hasMethodAnnotation(AdminOnly.class)) {
            if (!evaluator.of(caller).holdsEverything()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "Only an administrator (every permission, everywhere) may do this");
            }
            return true;
        }
        RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Endpoint declares no permission");
        }
        CallerPermissions permissions = evaluator.of(caller);
        if (!permissions.allowsSomewhere(required.resource(), required.verb())) {
            throw CallerPermissions.forbidden(required.resource(), required.verb());
        }
        if (required.verb() == Verb.LIST) {
            request.setAttribute(LIST_SCOPE, permissions.listScope(required.resource()));
        } else if (!required.checkedByHandler()) {
            permissions.require(required.resource(), required.verb(), target(request, required.resource()));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Target target(HttpServletRequest request, Resource resource) {
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Map<String, String> path = variables == null ? Map.of() : variables;
        TargetResolver resolver = resolvers.get(resource);
        return resolver != null ? resolver.resolve(path, request.getParameterMap()) : new Target(null, path.get("id"));
    }

    private static AuthenticatedAccount caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account) {
            return account;
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, "Missing bearer token");
    }
}
