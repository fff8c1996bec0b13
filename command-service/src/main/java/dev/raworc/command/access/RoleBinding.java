package dev.raworc.command.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.RoleBindingCreatedEvent;

@Aggregate
class RoleBinding {

    @AggregateIdentifier
    private UUID bindingId;

    RoleBinding() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    RoleBinding(CreateRoleBindingCommand command) {
        apply(new RoleBindingCreatedEvent(command.bindingId(), command.roleName(), command.principal(),
                command.principalType(), command.space()));
    }

    @EventSourcingHandler
    void on(RoleBindingCreatedEvent event) {
        this.bindingId = event.bindingId();
    }
}
