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
 * Refuses, before anything reads them, parts of a request's head that would fail deeper down as
 * a server error. An encoded U+0000 ({@code %00}) in the path or query string (400): PostgreSQL
 * cannot take the character as a parameter (request bodies are checked by {@link BodyTextCheck}).
 * A {@code Content-Type} that names no concrete media type, a wildcard such as {@code *}{@code /*}
 * or a value that does not parse (415): Spring fails on a wildcard while reading a body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestHeadFilter extends OncePerRequestFilter {

    private static final String ENCODED_NUL = "%00";

    private final ErrorResponses errors;

    RequestHeadFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String contentType = request.getContentType();
        if (request.getRequestURI().contains(ENCODED_NUL) || (query != null && query.contains(ENCODED_NUL))) {
            errors.write(response, ErrorCode.BAD_REQUEST,
                    "The request's path and query " + BodyTextCheck.NUL_PROBLEM + " (%00)");
        } else if (contentType != null && !contentType.isBlank() && !isConcrete(contentType)) {
            errors.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type '" + contentType + "' is not a valid, concrete media type; send application/json");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isConcrete(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
