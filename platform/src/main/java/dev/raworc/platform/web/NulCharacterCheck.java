package dev.raworc.platform.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body with the character U+0000 in any string or object key. JSON allows it
 * (as {@code \u0000}), but PostgreSQL's text and jsonb cannot store it: accepted, it would be
 * recorded in an event that no projection can write, and the projections would stop there.
 */
@ControllerAdvice
class NulCharacterCheck extends RequestBodyAdviceAdapter {

    static final String PROBLEM = "must not contain the character U+0000";

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof Record request) {
            for (RecordComponent component : request.getClass().getRecordComponents()) {
                if (holdsNul(value(component, request))) {
                    throw ApiException.invalidField(WireNames.of(component.getName()), PROBLEM);
                }
            }
        } else if (holdsNul(body)) {
            throw ApiException.invalidField("body", PROBLEM);
        }
        return body;
    }

    private static boolean holdsNul(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString().indexOf('\0') >= 0;
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(entry -> holdsNul(entry.getKey()) || holdsNul(entry.getValue()));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().anyMatch(NulCharacterCheck::holdsNul);
        }
        if (value instanceof Record nested) {
            for (RecordComponent component : nested.getClass().getRecordComponents()) {
                if (holdsNul(value(component, nested))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object value(RecordComponent component, Record owner) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of a request body", e);
        }
    }
}
