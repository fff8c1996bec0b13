package dev.raworc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.Side;
import dev.raworc.platform.storage.StorageMode;

/** Verified tokens are remembered, but never past their expiry and never when tampered with. */
class JwtTokensTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes-long";

    private static JwtTokens tokens(Duration lifetime) {
        RaworcProperties properties = new RaworcProperties(null, Set.of(Side.COMMAND), null, SECRET, lifetime, null, null, null);
        return new JwtTokens(new JwtSigningKey(properties, StorageMode.EXTERNAL, null), properties);
    }

    private static StoredCredentials alice() {
        return new StoredCredentials(UUID.randomUUID(), "alice", null, true, 3);
    }

    @Test
    void aTokenVerifiedTwiceGivesTheSameClaims() throws Exception {
        JwtTokens tokens = tokens(Duration.ofHours(1));
        StoredCredentials alice = alice();
        String token = tokens.issue(alice).token();

        TokenClaims first = tokens.verify(token);

        assertThat(tokens.verify(token)).isEqualTo(first);
        assertThat(first.subject()).isEqualTo(alice.accountId());
        assertThat(first.generation()).isEqualTo(3);
    }

    @Test
    void aRememberedTokenExpiresAtItsExpiry() throws Exception {
        JwtTokens tokens = tokens(Duration.ofSeconds(1));
        String token = tokens.issue(alice()).token();
        tokens.verify(token);

        Thread.sleep(2_100); // expiries are whole seconds

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("Bearer token has expired");
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() throws Exception {
        JwtTokens tokens = tokens(Duration.ofHours(1));
        String token = tokens.issue(alice()).token();
        tokens.verify(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.verify(tampered)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("Bearer token is invalid");
    }
}
