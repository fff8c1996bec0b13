package dev.raworc.platform.access;

import java.util.List;
import java.util.Set;

/**
 * List scopes for module tests of the read models, built without a caller or a permission
 * evaluator. Tests that share the database limit their lists to the names they created, so
 * totals and pages hold whatever other tests have written.
 */
public final class ListScopes {

    private ListScopes() {
    }

    /** Every row, in every space. */
    public static ListScope everything() {
        return new ListScope(List.of(new ListScope.Grant(null, null)));
    }

    /** No row at all. */
    public static ListScope nothing() {
        return new ListScope(List.of());
    }

    /** The rows of these names, in every space. */
    public static ListScope names(String... names) {
        return new ListScope(List.of(new ListScope.Grant(null, Set.of(names))));
    }

    /** Every row of one space. */
    public static ListScope space(String space) {
        return new ListScope(List.of(new ListScope.Grant(space, null)));
    }
}
