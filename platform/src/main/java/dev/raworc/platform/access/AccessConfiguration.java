package dev.raworc.platform.access;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration implements WebMvcConfigurer {

    private final PermissionEvaluator evaluator;
    private final List<TargetResolver> resolvers;

    AccessConfiguration(PermissionEvaluator evaluator, List<TargetResolver> resolvers) {
        this.evaluator = evaluator;
        this.resolvers = resolvers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor(evaluator, resolvers));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
        argumentResolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == ListScope.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                Object scope = request.getAttribute(PermissionInterceptor.LIST_SCOPE, RequestAttributes.SCOPE_REQUEST);
                if (scope == null) {
                    throw new IllegalStateException("ListScope needs @RequiresPermission(verb = LIST) on "
                            + parameter.getExecutable());
                }
                return scope;
            }
        });
    }
}
