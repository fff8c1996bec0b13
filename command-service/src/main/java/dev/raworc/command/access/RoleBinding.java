package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.DeleteRoleBindingCommand;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.command.account.AdminGuard;
import dev.raworc.platform.storage.NameClaims;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate
class RoleBinding {

    @AggregateIdentifier
    private UUID bindingId;
    private String roleName;
    private UUID principalId;
    private String principal;
    private String space;

    RoleBinding() {
        // for Axon: rebuilt from its events
    }

    /** An identical binding (same role, principal and space) is claimed like a name: only one exists. */
    @CommandHandler
    RoleBinding(CreateRoleBindingCommand command, NameClaims names) {
        names.claim(NameClaims.Kind.ROLE_BINDING,
                NameClaims.roleBindingIdentity(command.roleId(), command.principalId(), command.space()), command.bindingId(), "Role '" + command.roleName()
                + "' is already bound to '" + command.principal() + "' "
                + (command.space() == null ? "globally" : "in space '" + command.space() + "'"));
        apply(new RoleBindingCreatedEvent(command.bindingId(), command.roleId(), command.roleName(),
                command.principalId(), command.principal(), command.principalType(), command.space()));
    }

    /** Unbinding {@code admin} globally is refused when it would leave no active administrator. */
    @CommandHandler
    void handle(DeleteRoleBindingCommand command, NameClaims names, AdminGuard adminGuard) {
        if (space == null && AdminGuard.ADMIN_ROLE.equals(roleName)) {
            adminGuard.requireAnotherAdmin(principalId, principal, "unbind role 'admin' from");
        }
        names.release(NameClaims.Kind.ROLE_BINDING, bindingId);
        apply(new RoleBindingDeletedEvent(bindingId));
    }

    @EventSourcingHandler
    void on(RoleBindingCreatedEvent event) {
        this.bindingId = event.bindingId();
        this.roleName = event.roleName();
        this.principalId = event.principalId();
        this.principal = event.principal();
        this.space = event.space();
    }

    @EventSourcingHandler
    void on(RoleBindingDeletedEvent event) {
        markDeleted();
    }
}
