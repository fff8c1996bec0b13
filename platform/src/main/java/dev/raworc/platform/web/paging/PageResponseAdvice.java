package dev.raworc.platform.web.paging;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Writes a {@link Page} as its items, with the pagination headers. */
@ControllerAdvice
class PageResponseAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        // a handler declared to return Object may answer with a page too
        return returnType.getParameterType().isAssignableFrom(Page.class);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof Page<?> page)) {
            return body;
        }
        response.getHeaders().set("X-Total-Count", Long.toString(page.total()));
        response.getHeaders().set("X-Page-Offset", Long.toString(page.request().offset()));
        response.getHeaders().set("X-Page-Limit", Integer.toString(page.request().limit()));
        return page.items();
    }
}
