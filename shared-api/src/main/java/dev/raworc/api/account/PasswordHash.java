package dev.raworc.api.account;

import java.util.Objects;

/**
 * An encoded password hash travelling inside a command. It never goes into an event, and its
 * {@code toString} is redacted so a logged command cannot leak it.
 */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
