package dev.raworc.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.account.RecordServiceAccountLoginCommand;
import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.platform.security.AccountCredentials;

@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class ServiceAccount {

    @AggregateIdentifier
    private UUID accountId;

    ServiceAccount() {
        // for Axon: rebuilt from its events
    }

    /**
     * The credentials claim the user name in the same transaction as the event is stored, so of
     * two concurrent creates of one name exactly one succeeds.
     */
    @CommandHandler
    ServiceAccount(CreateServiceAccountCommand command, AccountCredentials credentials) {
        credentials.register(command.accountId(), command.user(), command.passwordHash());
        apply(new ServiceAccountCreatedEvent(command.accountId(), command.user(), command.description()));
    }

    @CommandHandler
    void handle(RecordServiceAccountLoginCommand command) {
        apply(new ServiceAccountLoggedInEvent(accountId));
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        this.accountId = event.accountId();
    }
}
