package dev.raworc.platform.web;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Checks every string and object key of a request body, once, as it leaves the JSON reader.
 * An unpaired UTF-16 surrogate ({@code "\ud800"}, which JSON's escapes can spell) is no Unicode
 * text at all: it fails in password hashing and turns into {@code ?} in PostgreSQL, so it is a
 * malformed request (400). The character U+0000 is valid JSON, but PostgreSQL cannot store it:
 * accepted, it would be recorded in an event no projection can write, so it fails validation (422).
 */
@ControllerAdvice
class BodyTextCheck extends RequestBodyAdviceAdapter {

    static final String NUL_PROBLEM = "must not contain the character U+0000";

    private enum Problem { UNPAIRED_SURROGATE, NUL }

    private record Found(String field, Problem problem) {
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(body instanceof Record request)) {
            refuse("body", problemIn(body));
            return body;
        }
        // the malformed (400) is reported before the invalid (422), whichever field comes first
        Arrays.stream(request.getClass().getRecordComponents())
                .map(component -> new Found(WireNames.of(component.getName()), problemIn(value(component, request))))
                .filter(found -> found.problem() != null)
                .min(Comparator.comparing(Found::problem))
                .ifPresent(found -> refuse(found.field(), found.problem()));
        return body;
    }

    private static void refuse(String field, Problem problem) {
        if (problem == Problem.UNPAIRED_SURROGATE) {
            throw new ApiException(ErrorCode.BAD_REQUEST, field + ": holds an unpaired UTF-16 surrogate (such as \\ud800), "
                    + "which is not Unicode text");
        }
        if (problem == Problem.NUL) {
            throw ApiException.invalidField(field, NUL_PROBLEM);
        }
    }

    private static Problem problemIn(Object value) {
        if (value instanceof CharSequence text) {
            return problemIn(text.toString());
        }
        if (value instanceof Map<?, ?> map) {
            return first(map.entrySet().stream().flatMap(entry -> Stream.of(entry.getKey(), entry.getValue())));
        }
        if (value instanceof Collection<?> items) {
            return first(items.stream().map(item -> (Object) item));
        }
        if (value instanceof Record nested) {
            return first(Arrays.stream(nested.getClass().getRecordComponents())
                    .map(component -> value(component, nested)));
        }
        return null;
    }

    private static Problem first(Stream<Object> values) {
        return values.map(BodyTextCheck::problemIn).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    private static Problem problemIn(String text) {
        Problem found = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Problem.UNPAIRED_SURROGATE;
            } else if (c == '\0') {
                found = Problem.NUL;
            }
        }
        return found;
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
