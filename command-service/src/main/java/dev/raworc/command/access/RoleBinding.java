package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.DeleteRoleBindingCommand;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.platform.storage.NameClaims;

@Aggregate
class RoleBinding {

    @AggregateIdentifier
    private UUID bindingId;

    RoleBinding() {
        // for Axon: rebuilt from its events
    }

    /** An identical binding (same role, principal and space) is claimed like a name: only one exists. */
    @CommandHandler
    RoleBinding(CreateRoleBindingCommand command, NameClaims names) {
        String identity = command.roleId() + "/" + command.principalId() + "/" + (command.space() == null ? "*" : command.space());
        names.claim(NameClaims.Kind.ROLE_BINDING, identity, command.bindingId(), "Role '" + command.roleName()
                + "' is already bound to '" + command.principal() + "' "
                + (command.space() == null ? "globally" : "in space '" + command.space() + "'"));
        apply(new RoleBindingCreatedEvent(command.bindingId(), command.roleId(), command.roleName(),
                command.principalId(), command.principal(), command.principalType(), command.space()));
    }

    @CommandHandler
    void handle(DeleteRoleBindingCommand command, NameClaims names) {
        names.release(NameClaims.Kind.ROLE_BINDING, bindingId);
        apply(new RoleBindingDeletedEvent(bindingId));
    }

    @EventSourcingHandler
    void on(RoleBindingCreatedEvent event) {
        this.bindingId = event.bindingId();
    }

    @EventSourcingHandler
    void on(RoleBindingDeletedEvent event) {
        markDeleted();
    }
}
