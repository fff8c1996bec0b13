package dev.raworc.api.session;

import java.util.Locale;
import java.util.Optional;

/** Who a message is from. Lower case on the wire. */
public enum MessageRole {
    USER, AGENT, SYSTEM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
