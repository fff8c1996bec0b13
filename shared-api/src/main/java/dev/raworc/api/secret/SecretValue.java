package dev.raworc.api.secret;

import java.util.Objects;

/**
 * A plaintext secret value on its way to being sealed. It lives only in memory: commands carry
 * it, events never do, and its {@code toString} is redacted so a logged command cannot leak it.
 */
public record SecretValue(String plaintext) {

    public SecretValue {
        Objects.requireNonNull(plaintext, "plaintext");
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }
}
