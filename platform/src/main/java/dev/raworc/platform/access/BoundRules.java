package dev.raworc.platform.access;

import java.util.List;

import dev.raworc.api.access.Rule;

/**
 * The rules one role binding gives its principal, in one space or ({@code space == null})
 * everywhere, and the name of the role they come from ({@code null} for a session's agent).
 */
record BoundRules(String roleName, String space, List<Rule> rules) {

    boolean appliesIn(String targetSpace) {
        return space == null || space.equals(targetSpace);
    }
}
