package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.CreateRoleCommand;
import dev.raworc.api.access.DeleteRoleCommand;
import dev.raworc.api.access.ReplaceBuiltInRoleRulesCommand;
import dev.raworc.api.access.RoleCreatedEvent;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.access.RoleRulesReplacedEvent;
import dev.raworc.api.access.RoleView;
import dev.raworc.api.access.Rule;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.storage.SqlTime;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 holds the whole view: older snapshots lack it and are ignored.
@Revision("2")
@Aggregate
class Role {

    @AggregateIdentifier
    private UUID roleId;
    private String name;
    private String description;
    private List<Rule> rules;
    private boolean builtIn;
    private Instant createdAt;

    Role() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Role(CreateRoleCommand command, NameClaims names, AccessLookups lookups) {
        names.claim(NameClaims.Kind.ROLE, command.name(), command.roleId(), "Role '" + command.name() + "' already exists");
        lookups.addRole(command.roleId(), command.name(), command.rules());
        apply(new RoleCreatedEvent(command.roleId(), command.name(), command.description(), command.rules(),
                command.builtIn()));
    }

    /** Deleting a role ends its bindings too: they name the role by id, so a new role of the name gets none. */
    @CommandHandler
    void handle(DeleteRoleCommand command, NameClaims names, AccessLookups lookups) {
        if (builtIn) {
            throw DomainException.conflict("Built-in role '" + name + "' cannot be deleted");
        }
        names.release(NameClaims.Kind.ROLE, roleId);
        names.releaseRoleBindingsOfRole(roleId);
        lookups.removeRole(roleId);
        apply(new RoleDeletedEvent(roleId, name));
    }

    /** Only the server changes rules, and only those of its built-in roles; the same rules change nothing. */
    @CommandHandler
    boolean handle(ReplaceBuiltInRoleRulesCommand command, AccessLookups lookups) {
        if (!builtIn) {
            throw DomainException.conflict("Role '" + name + "' is not built in; its rules are its creator's");
        }
        if (rules.equals(command.rules())) {
            return false;
        }
        lookups.replaceRules(roleId, command.rules());
        apply(new RoleRulesReplacedEvent(roleId, name, command.rules()));
        return true;
    }

    /** The role as {@code GET /roles/{id}} shows it, so a write answers from here. */
    RoleView view() {
        return new RoleView(roleId, name, description, rules, createdAt);
    }

    /** Fills the role's lookup row on an install whose roles predate it (idempotent). */
    Role recordIn(AccessLookups lookups) {
        lookups.addRole(roleId, name, rules);
        return this;
    }

    @EventSourcingHandler
    void on(RoleCreatedEvent event, @Timestamp Instant occurredAt) {
        this.roleId = event.roleId();
        this.name = event.name();
        this.description = event.description();
        this.rules = event.rules();
        this.builtIn = event.builtIn();
        this.createdAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(RoleRulesReplacedEvent event) {
        this.rules = event.rules();
    }

    @EventSourcingHandler
    void on(RoleDeletedEvent event) {
        markDeleted();
    }
}
