package dev.raworc.platform.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature was verified already, with their claims: verifying an HS256 token with
 * the JWT library is a tenth of a message post's CPU, and clients send the same token with every
 * request. Only the expiry is checked again. Revocation does not depend on this: the account's
 * generation and a session's state are read on every request. Bounded; when full it starts over.
 */
final class VerifiedTokens {

    record Verified(TokenClaims claims, Instant expiresAt) {
    }

    static final int CAPACITY = 10_000;

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    Verified get(String token) {
        return verified.get(token);
    }

    void put(String token, TokenClaims claims, Instant expiresAt) {
        if (verified.size() >= CAPACITY) {
            verified.clear();
        }
        verified.put(token, new Verified(claims, expiresAt));
    }

    void forget(String token) {
        verified.remove(token);
    }
}
