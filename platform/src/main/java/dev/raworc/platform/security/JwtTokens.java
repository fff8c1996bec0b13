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
import io.jsonwebtoken.Jwts;
import org.springframework.stereotype.Component;

import dev.raworc.platform.RaworcProperties;

/** Issues and verifies the HS256-signed bearer tokens. */
@Component
public class JwtTokens {

    private static final String USER_CLAIM = "user";
    private static final String GENERATION_CLAIM = "gen";

    private final SecretKey key;
    private final RaworcProperties properties;
    private final Clock clock = Clock.systemUTC();

    JwtTokens(JwtSigningKey signingKey, RaworcProperties properties) {
        this.key = signingKey.key();
        this.properties = properties;
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

    TokenClaims verify(String token) throws InvalidTokenException {
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(key)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            Number generation = claims.get(GENERATION_CLAIM, Number.class);
            String user = claims.get(USER_CLAIM, String.class);
            if (claims.getSubject() == null || generation == null || user == null) {
                throw new InvalidTokenException("Bearer token is invalid");
            }
            return new TokenClaims(UUID.fromString(claims.getSubject()), user, generation.longValue());
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("Bearer token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Bearer token is invalid");
        }
    }
}
