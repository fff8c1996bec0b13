package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.CreateRoleCommand;
import dev.raworc.api.access.DeleteRoleCommand;
import dev.raworc.api.access.RoleCreatedEvent;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.platform.storage.NameClaims;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate
class Role {

    @AggregateIdentifier
    private UUID roleId;
    private String name;
    private boolean builtIn;

    Role() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Role(CreateRoleCommand command, NameClaims names) {
        names.claim(NameClaims.Kind.ROLE, command.name(), command.roleId(), "Role '" + command.name() + "' already exists");
        apply(new RoleCreatedEvent(command.roleId(), command.name(), command.description(), command.rules(),
                command.builtIn()));
    }

    /** Deleting a role ends its bindings too: they name the role by id, so a new role of the name gets none. */
    @CommandHandler
    void handle(DeleteRoleCommand command, NameClaims names) {
        if (builtIn) {
            throw DomainException.conflict("Built-in role '" + name + "' cannot be deleted");
        }
        names.release(NameClaims.Kind.ROLE, roleId);
        names.releaseRoleBindingsOfRole(roleId);
        apply(new RoleDeletedEvent(roleId, name));
    }

    @EventSourcingHandler
    void on(RoleCreatedEvent event) {
        this.roleId = event.roleId();
        this.name = event.name();
        this.builtIn = event.builtIn();
    }

    @EventSourcingHandler
    void on(RoleDeletedEvent event) {
        markDeleted();
    }
}
