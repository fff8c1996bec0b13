package dev.raworc.api.session;

import java.util.Optional;

import dev.raworc.api.WireEnums;

/** Who a message is from. Lower case on the wire. */
public enum MessageRole {
    USER, AGENT, SYSTEM;

    public String wireName() {
        return WireEnums.wireName(this);
    }

    public static Optional<MessageRole> parse(String value) {
        return WireEnums.parse(MessageRole.class, value);
    }
}
