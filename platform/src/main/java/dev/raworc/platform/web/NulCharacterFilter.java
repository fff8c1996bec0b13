package dev.raworc.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a path or query string with an encoded U+0000 ({@code %00}) before anything reads it:
 * PostgreSQL cannot take the character as a parameter, so a filter or name holding it would fail
 * there, as a server error. Request bodies are checked by {@link BodyTextCheck}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class NulCharacterFilter extends OncePerRequestFilter {

    private static final String ENCODED_NUL = "%00";

    private final ErrorResponses errors;

    NulCharacterFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (request.getRequestURI().contains(ENCODED_NUL) || (query != null && query.contains(ENCODED_NUL))) {
            errors.write(response, ErrorCode.BAD_REQUEST,
                    "The request's path and query " + BodyTextCheck.NUL_PROBLEM + " (%00)");
            return;
        }
        chain.doFilter(request, response);
    }
}
