package dev.raworc.platform.security;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.raworc.api.account.PasswordHash;

/**
 * Hashes and checks passwords with Argon2id, which, unlike bcrypt, reads every byte of a long
 * password. The encoded form names its parameters, so they can be raised later without breaking
 * stored hashes.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    /** A hash of nothing anyone can type, checked when a login names an unknown user. */
    private final PasswordHash decoy = hash("decoy password that matches no login " + System.nanoTime());

    /** @throws IllegalArgumentException naming {@code source} when the password is too short or too long */
    public static void requireAcceptable(String password, String source) {
        int length = password.length();
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException(source + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters long, but has " + length);
        }
    }

    public PasswordHash hash(String password) {
        return new PasswordHash(encoder.encode(password));
    }

    public boolean matches(String password, PasswordHash hash) {
        return password != null && encoder.matches(password, hash.encoded());
    }

    /**
     * Spends the same time as a real check, so a login for an unknown user cannot be told apart
     * from a wrong password by how long it takes.
     */
    public void matchDecoy(String password) {
        encoder.matches(password == null ? "" : password, decoy.encoded());
    }
}
