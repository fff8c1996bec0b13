package dev.raworc.platform.access;

import java.util.Arrays;
import java.util.Optional;

/** What permissions are granted on. Spaced resources live in a space; the others are global. */
public enum Resource {
    SERVICE_ACCOUNTS("service-accounts", false),
    ROLES("roles", false),
    ROLE_BINDINGS("role-bindings", false),
    SPACES("spaces", true),
    SECRETS("secrets", true),
    SESSIONS("sessions", true),
    MESSAGES("messages", true),
    WEBHOOKS("webhooks", true);

    private final String wireName;
    private final boolean spaced;

    Resource(String wireName, boolean spaced) {
        this.wireName = wireName;
        this.spaced = spaced;
    }

    public String wireName() {
        return wireName;
    }

    public boolean spaced() {
        return spaced;
    }

    public static Optional<Resource> fromWireName(String name) {
        return Arrays.stream(values()).filter(resource -> resource.wireName.equals(name)).findFirst();
    }
}
