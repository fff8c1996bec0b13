package dev.raworc.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a {@code Content-Type} that names no concrete media type — a wildcard such as
 * {@code *}{@code /*}, or a value that does not parse — with 415 before anything reads it: Spring
 * fails on a wildcard content type while reading a body, as a server error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentTypeFilter extends OncePerRequestFilter {

    private final ErrorResponses errors;

    ContentTypeFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
            errors.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type '" + contentType + "' is not a valid, concrete media type; send application/json");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
