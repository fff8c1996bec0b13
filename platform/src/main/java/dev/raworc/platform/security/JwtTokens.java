package dev.raworc.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import dev.raworc.platform.RaworcProperties;

/** Issues and verifies the HS256-signed bearer tokens. */
@Component
public class JwtTokens {

    private static final String USER_CLAIM = "user";
    private static final String GENERATION_CLAIM = "gen";
    private static final String SESSION_SPACE_CLAIM = "session_space";
    private static final String ISSUED_MILLIS_CLAIM = "iat_ms";
    /** A session's token lives as long as its container; the session's state decides, not the expiry. */
    private static final java.time.Duration SESSION_TOKEN_LIFETIME = java.time.Duration.ofDays(365);

    private final SecretKey key;
    private final RaworcProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final JwtParser parser;
    private final VerifiedTokens verified = new VerifiedTokens();

    JwtTokens(JwtSigningKey signingKey, RaworcProperties properties) {
        this.key = signingKey.key();
        this.properties = properties;
        this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
    }

    public IssuedToken issue(StoredCredentials credentials) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(properties.tokenLifetime());
        String token = Jwts.builder()
                .subject(credentials.accountId().toString())
                .claim(USER_CLAIM, credentials.user())
                .claim(GENERATION_CLAIM, credentials.generation())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    /**
     * A token for the agent of one session: it may read the session and its messages, post its
     * agent's replies and report its state, and nothing else. It dies when the session is closed
     * or deleted, and a restored session's agent gets a new one.
     */
    public IssuedToken issueForSession(UUID sessionId, String space) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(SESSION_TOKEN_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        String token = Jwts.builder()
                .subject(sessionId.toString())
                .claim(USER_CLAIM, "session:" + sessionId)
                .claim(SESSION_SPACE_CLAIM, space)
                .claim(ISSUED_MILLIS_CLAIM, now.toEpochMilli())
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    TokenClaims verify(String token) throws InvalidTokenException {
        VerifiedTokens.Verified known = verified.get(token);
        if (known != null) {
            if (!clock.instant().isBefore(known.expiresAt())) {
                verified.forget(token);
                throw new InvalidTokenException("Bearer token has expired");
            }
            return known.claims();
        }
        return parse(token);
    }

    private TokenClaims parse(String token) throws InvalidTokenException {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            Number generation = claims.get(GENERATION_CLAIM, Number.class);
            String user = claims.get(USER_CLAIM, String.class);
            String sessionSpace = claims.get(SESSION_SPACE_CLAIM, String.class);
            Number issuedMillis = claims.get(ISSUED_MILLIS_CLAIM, Number.class);
            boolean account = generation != null && sessionSpace == null;
            boolean session = sessionSpace != null && issuedMillis != null;
            if (claims.getSubject() == null || user == null || account == session) {
                throw new InvalidTokenException("Bearer token is invalid");
            }
            TokenClaims verifiedClaims = new TokenClaims(UUID.fromString(claims.getSubject()), user,
                    account ? generation.longValue() : -1, sessionSpace, session ? issuedMillis.longValue() : -1);
            if (claims.getExpiration() != null) {
                verified.put(token, verifiedClaims, claims.getExpiration().toInstant());
            }
            return verifiedClaims;
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("Bearer token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Bearer token is invalid");
        }
    }
}
