package dev.raworc.platform.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What of a resource a caller may list: a union of grants, each for one space or every space and
 * for some names or all. Lists filter by it in SQL, so their counts count only what is visible.
 */
public final class ListScope {

    /** @param space {@code null}: every space; @param names {@code null}: every name */
    record Grant(String space, Set<String> names) {
    }

    private final List<Grant> grants;

    ListScope(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }

    /** Whether some grant is for some names only rather than for whole spaces. */
    public boolean limitsNames() {
        return grants.stream().anyMatch(grant -> grant.names() != null);
    }

    /** Whether the caller may list at least something in the space. */
    public boolean coversSpace(String space) {
        return grants.stream().anyMatch(grant -> grant.space() == null || grant.space().equals(space));
    }

    public boolean allows(String space, String name) {
        return grants.stream().anyMatch(grant -> (grant.space() == null || grant.space().equals(space))
                && (grant.names() == null || grant.names().contains(name)));
    }

    /**
     * A SQL condition that holds for the visible rows, with its parameters.
     *
     * @param spaceColumn the column holding a row's space, or {@code null} for a global resource
     * @param nameColumn  the column holding a row's name for {@code resource_names}
     */
    public SqlCondition toSql(String spaceColumn, String nameColumn) {
        if (grants.isEmpty()) {
            return new SqlCondition("FALSE", Map.of());
        }
        List<String> alternatives = new ArrayList<>();
        Map<String, Object> params = new TreeMap<>();
        for (int i = 0; i < grants.size(); i++) {
            Grant grant = grants.get(i);
            List<String> parts = new ArrayList<>();
            if (grant.space() != null) {
                parts.add(spaceColumn + " = :scope_space_" + i);
                params.put("scope_space_" + i, grant.space());
            }
            if (grant.names() != null) {
                parts.add(nameColumn + " IN (:scope_names_" + i + ")");
                params.put("scope_names_" + i, List.copyOf(grant.names()));
            }
            alternatives.add(parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")");
        }
        return new SqlCondition("(" + String.join(" OR ", alternatives) + ")", params);
    }

    public record SqlCondition(String sql, Map<String, Object> params) {
    }
}
