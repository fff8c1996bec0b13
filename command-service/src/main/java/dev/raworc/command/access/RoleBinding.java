package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.DeleteRoleBindingCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.api.access.RoleBindingView;
import dev.raworc.command.account.AdminGuard;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.storage.SqlTime;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 holds the whole view: older snapshots lack it and are ignored.
@Revision("2")
@Aggregate
class RoleBinding {

    @AggregateIdentifier
    private UUID bindingId;
    private UUID roleId;
    private String roleName;
    private UUID principalId;
    private String principal;
    private PrincipalType principalType;
    private String space;
    private Instant createdAt;

    RoleBinding() {
        // for Axon: rebuilt from its events
    }

    /** An identical binding (same role, principal and space) is claimed like a name: only one exists. */
    @CommandHandler
    RoleBinding(CreateRoleBindingCommand command, NameClaims names, AccessLookups lookups) {
        names.claim(NameClaims.Kind.ROLE_BINDING,
                NameClaims.roleBindingIdentity(command.roleId(), command.principalId(), command.space()), command.bindingId(), "Role '" + command.roleName()
                + "' is already bound to '" + command.principal() + "' "
                + (command.space() == null ? "globally" : "in space '" + command.space() + "'"));
        lookups.addBinding(command.bindingId(), command.roleId(), command.roleName(), command.principalId(),
                command.space(), Instant.now());
        apply(new RoleBindingCreatedEvent(command.bindingId(), command.roleId(), command.roleName(),
                command.principalId(), command.principal(), command.principalType(), command.space()));
    }

    /** Unbinding {@code admin} globally is refused when it would leave no active administrator. */
    @CommandHandler
    void handle(DeleteRoleBindingCommand command, NameClaims names, AdminGuard adminGuard, AccessLookups lookups) {
        if (space == null && AdminGuard.ADMIN_ROLE.equals(roleName)) {
            adminGuard.requireAnotherAdmin(principalId, principal, "unbind role 'admin' from");
        }
        names.release(NameClaims.Kind.ROLE_BINDING, bindingId);
        lookups.removeBinding(bindingId);
        apply(new RoleBindingDeletedEvent(bindingId));
    }

    /** The binding as {@code GET /role-bindings/{id}} shows it, so a write answers from here. */
    RoleBindingView view() {
        return new RoleBindingView(bindingId, roleName, principal, principalType, space, createdAt);
    }

    /** Fills the binding's lookup row on an install whose bindings predate it (idempotent). */
    RoleBinding recordIn(AccessLookups lookups) {
        lookups.addBinding(bindingId, roleId, roleName, principalId, space, createdAt);
        return this;
    }

    @EventSourcingHandler
    void on(RoleBindingCreatedEvent event, @Timestamp Instant occurredAt) {
        this.bindingId = event.bindingId();
        this.roleId = event.roleId();
        this.roleName = event.roleName();
        this.principalId = event.principalId();
        this.principal = event.principal();
        this.principalType = event.principalType();
        this.space = event.space();
        this.createdAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(RoleBindingDeletedEvent event) {
        markDeleted();
    }
}
