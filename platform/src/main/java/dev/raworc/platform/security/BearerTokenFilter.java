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

import dev.raworc.platform.access.AccessGrants;
import dev.raworc.platform.access.AccountAccess;
import dev.raworc.platform.access.SessionTargets;

/**
 * Authenticates requests that carry a bearer token. The token must verify, and the account it
 * names must still exist, be active and have the credential generation the token was issued
 * under, so deleting, deactivating or re-keying an account voids its tokens at once. The account
 * is read with its role bindings, for this request's permission checks ({@link AccessGrants}). A
 * refused token leaves the request anonymous with the reason noted for the 401 answer.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String REFUSAL_REASON = BearerTokenFilter.class.getName() + ".reason";
    private static final String BEARER = "Bearer ";

    private final JwtTokens tokens;
    private final AccessGrants grants;
    private final SessionTargets sessions;

    BearerTokenFilter(JwtTokens tokens, AccessGrants grants, SessionTargets sessions) {
        this.tokens = tokens;
        this.grants = grants;
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            try {
                AuthenticatedAccount account = authenticate(header, request);
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(account, null, List.of()));
            } catch (InvalidTokenException e) {
                request.setAttribute(REFUSAL_REASON, e.getMessage());
            }
        }
        chain.doFilter(request, response);
    }

    private AuthenticatedAccount authenticate(String header, HttpServletRequest request) throws InvalidTokenException {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTokenException("Authorization header must have the form 'Bearer <token>'");
        }
        TokenClaims claims = tokens.verify(header.substring(BEARER.length()).trim());
        if (claims.forSession()) {
            if (!sessions.agentTokenValid(claims.subject(), claims.issuedAtMillis())) {
                throw new InvalidTokenException("Token is no longer valid: its session is closed or deleted");
            }
            return new AuthenticatedAccount(claims.subject(), claims.user(),
                    new AuthenticatedAccount.SessionScope(claims.subject(), claims.sessionSpace()));
        }
        AccountAccess current = grants.accessWithBindings(claims.subject(), request)
                .orElseThrow(() -> new InvalidTokenException("Token is no longer valid: its account was deleted"));
        if (!current.active()) {
            throw new InvalidTokenException("Token is no longer valid: its account is deactivated");
        }
        if (current.generation() != claims.generation()) {
            throw new InvalidTokenException("Token is no longer valid: its account's password has changed");
        }
        return new AuthenticatedAccount(current.accountId(), current.user());
    }
}
