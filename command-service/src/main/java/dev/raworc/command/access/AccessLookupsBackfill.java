package dev.raworc.command.access;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;
import dev.raworc.command.AggregateViews;

import dev.raworc.command.CommandEndpoint;

/**
 * Installs from before the access lookups hold their roles and bindings only in events: at start,
 * every role and binding whose name is claimed but has no lookup row is loaded and recorded.
 * Idempotent; on an install that is up to date it finds nothing to do.
 */
@CommandEndpoint
@Component
class AccessLookupsBackfill {

    private final JdbcClient jdbc;
    private final AggregateViews aggregates;
    private final AccessLookups lookups;

    AccessLookupsBackfill(JdbcClient jdbc, AggregateViews aggregates, AccessLookups lookups) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
        this.lookups = lookups;
    }

    @EventListener(ApplicationStartedEvent.class)
    void backfill() {
        missing("role", "SELECT 1 FROM role_rules r WHERE r.role_id = n.owner_id")
                .forEach(id -> record(() -> aggregates.view(Role.class, id, role -> role.recordIn(lookups))));
        missing("role-binding", "SELECT 1 FROM role_binding_grants g WHERE g.binding_id = n.owner_id")
                .forEach(id -> record(() -> aggregates.view(RoleBinding.class, id, binding -> binding.recordIn(lookups))));
    }

    private List<UUID> missing(String kind, String lookupRow) {
        return jdbc.sql("SELECT n.owner_id FROM name_claims n WHERE n.kind = :kind AND NOT EXISTS (" + lookupRow + ")")
                .param("kind", kind)
                .query(UUID.class)
                .list();
    }

    /** One deleted since its id was listed needs no row. */
    private static void record(Runnable load) {
        try {
            load.run();
        } catch (DomainException deletedMeanwhile) {
            // not found: nothing to record
        }
    }
}
