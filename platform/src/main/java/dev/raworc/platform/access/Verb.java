package dev.raworc.platform.access;

import java.util.Arrays;
import java.util.Optional;

/** What may be done to a resource. Those after {@code delete} apply to one resource each. */
public enum Verb {
    GET("get"), LIST("list"), CREATE("create"), UPDATE("update"), DELETE("delete"),
    READ_VALUES("read-values"), UPDATE_STATE("update-state"), AUDIT("audit"), READ_FILES("read-files"),
    WRITE_FILES("write-files");

    private final String wireName;

    Verb(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a rule may name this verb for that resource ({@code read-values} only on secrets, say). */
    public boolean appliesTo(Resource resource) {
        return switch (this) {
            case READ_VALUES -> resource == Resource.SECRETS;
            case UPDATE_STATE, AUDIT, READ_FILES, WRITE_FILES -> resource == Resource.SESSIONS;
            default -> true;
        };
    }

    public static Optional<Verb> fromWireName(String name) {
        return Arrays.stream(values()).filter(verb -> verb.wireName.equals(name)).findFirst();
    }
}
