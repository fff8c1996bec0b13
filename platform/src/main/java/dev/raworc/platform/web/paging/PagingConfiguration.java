package dev.raworc.platform.web.paging;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/** Reads {@link PageRequest} arguments from the query string; bad values are a 400. */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration implements WebMvcConfigurer {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,100}");

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == PageRequest.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                long limit = nonNegative(request.getParameter("limit"), "limit", PageRequest.DEFAULT_LIMIT);
                long offset = nonNegative(request.getParameter("offset"), "offset", 0);
                return new PageRequest((int) Math.min(limit, PageRequest.MAX_LIMIT), offset);
            }
        });
    }

    private static long nonNegative(String value, String name, long fallback) {
        if (value == null) {
            return fallback;
        }
        if (DIGITS.matcher(value.trim()).matches()) {
            // anything too large for a long is past every list's end anyway
            return new java.math.BigInteger(value.trim()).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        }
        throw new ApiException(ErrorCode.BAD_REQUEST,
                "Query parameter '" + name + "' must be a non-negative integer, not '" + value + "'");
    }
}
