package dev.raworc.command.space;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/** Everything that can keep a space from being deleted; each holder of space content adds a guard. */
@Component
public class SpaceDeletionChecks {

    /** Says why a space must stay, or {@code null} when this guard has no objection. */
    public interface Guard {
        String reasonToKeep(String space);
    }

    private final ObjectProvider<Guard> guards;

    SpaceDeletionChecks(ObjectProvider<Guard> guards) {
        this.guards = guards;
    }

    void requireDeletable(String space) {
        for (Guard guard : guards.orderedStream().toList()) {
            String reason = guard.reasonToKeep(space);
            if (reason != null) {
                throw DomainException.conflict("Space '" + space + "' cannot be deleted: " + reason);
            }
        }
    }
}
