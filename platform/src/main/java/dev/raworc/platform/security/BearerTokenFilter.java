package dev.raworc.platform.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests that carry a bearer token ({@link BearerAuthentication}), so deleting,
 * deactivating or re-keying an account voids its tokens at once. The account is read with its role
 * bindings, for this request's permission checks. A refused token leaves the request anonymous
 * with the reason noted for the 401 answer.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REFUSAL_REASON = BearerTokenFilter.class.getName() + ".reason";

    private final BearerAuthentication authentication;

    BearerTokenFilter(BearerAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            try {
                AuthenticatedAccount account = authentication.authenticate(header, request);
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(account, null, List.of()));
            } catch (InvalidTokenException e) {
                request.setAttribute(REFUSAL_REASON, e.getMessage());
            }
        }
        chain.doFilter(request, response);
    }
}
