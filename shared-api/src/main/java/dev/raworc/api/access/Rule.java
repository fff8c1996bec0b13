package dev.raworc.api.access;

import java.util.List;

/**
 * One permission rule of a role, as in Kubernetes RBAC: it grants the {@code verbs} on the
 * {@code resources} of the {@code apiGroups}, limited to {@code resourceNames} when those are given.
 * {@code *} matches anything.
 */
public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames) {

    public static final String ANY = "*";

    public Rule {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        resourceNames = resourceNames == null ? null : List.copyOf(resourceNames);
    }

    public boolean grants(String apiGroup, String resource, String verb, String resourceName) {
        return matches(apiGroups, apiGroup) && matches(resources, resource) && matches(verbs, verb)
                && (resourceNames == null || resourceNames.isEmpty()
                || resourceName != null && matches(resourceNames, resourceName));
    }

    /** Whether this rule grants the verb on the resource for some names, perhaps not all. */
    public boolean grantsSome(String apiGroup, String resource, String verb) {
        return matches(apiGroups, apiGroup) && matches(resources, resource) && matches(verbs, verb);
    }

    public boolean limitedToNames() {
        return resourceNames != null && !resourceNames.isEmpty() && !resourceNames.contains(ANY);
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed.contains(ANY) || allowed.contains(value);
    }
}
