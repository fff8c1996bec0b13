package dev.raworc.platform.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import dev.raworc.platform.access.AccessGrants;
import dev.raworc.platform.access.AccountAccess;
import dev.raworc.platform.access.SessionTargets;

/**
 * Who an {@code Authorization} header speaks for, as things are now: the token must verify, and
 * the account it names must still exist, be active and have the credential generation the token
 * was issued under (a session agent's token: its session must still run). Requests are checked
 * once; a stream that stays open asks again from time to time.
 */
@Component
public class BearerAuthentication {

    private static final String BEARER = "Bearer ";

    private final JwtTokens tokens;
    private final AccessGrants grants;
    private final SessionTargets sessions;

    BearerAuthentication(JwtTokens tokens, AccessGrants grants, SessionTargets sessions) {
        this.tokens = tokens;
        this.grants = grants;
        this.sessions = sessions;
    }

    /** Outside a request: whether the header still speaks for the caller it did. */
    public Optional<AuthenticatedAccount> recheck(String header) {
        try {
            return Optional.of(authenticate(header, null));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }

    /**
     * @param request the request whose permission checks then use the bindings read here, or null
     * @throws InvalidTokenException with the reason the 401 answer gives
     */
    AuthenticatedAccount authenticate(String header, HttpServletRequest request) throws InvalidTokenException {
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
        Optional<AccountAccess> found = request != null ? grants.accessWithBindings(claims.subject(), request)
                : grants.access(claims.subject());
        AccountAccess current = found.orElseThrow(() -> new InvalidTokenException("Token is no longer valid: its account was deleted"));
        if (!current.active()) {
            throw new InvalidTokenException("Token is no longer valid: its account is deactivated");
        }
        if (current.generation() != claims.generation()) {
            throw new InvalidTokenException("Token is no longer valid: its account's password has changed");
        }
        return new AuthenticatedAccount(current.accountId(), current.user());
    }
}
