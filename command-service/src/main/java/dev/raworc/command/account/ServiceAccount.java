package dev.raworc.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.account.ChangeServiceAccountPasswordCommand;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.account.DeleteServiceAccountCommand;
import dev.raworc.api.account.RecordServiceAccountLoginCommand;
import dev.raworc.api.account.ServiceAccountActivatedEvent;
import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountDeactivatedEvent;
import dev.raworc.api.account.ServiceAccountDeletedEvent;
import dev.raworc.api.account.ServiceAccountDescriptionChangedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.api.account.ServiceAccountPasswordChangedEvent;
import dev.raworc.api.account.ServiceAccountView;
import dev.raworc.api.account.UpdateServiceAccountCommand;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.storage.SqlTime;

/**
 * A service account. Its credentials (password hash, active flag, token generation) change in
 * the same transaction as its events, so a token stops working the moment the change commits.
 */
// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 holds the whole view: older snapshots lack it and are ignored.
@Revision("2")
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class ServiceAccount {

    @AggregateIdentifier
    private UUID accountId;
    private String user;
    private String description;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastLoginAt;

    ServiceAccount() {
        // for Axon: rebuilt from its events
    }

    /** The credentials claim the user name, so of two concurrent creates of one name one succeeds. */
    @CommandHandler
    ServiceAccount(CreateServiceAccountCommand command, AccountCredentials credentials) {
        credentials.register(command.accountId(), command.user(), command.passwordHash());
        apply(new ServiceAccountCreatedEvent(command.accountId(), command.user(), command.description()));
    }

    @CommandHandler
    void handle(UpdateServiceAccountCommand command, AccountCredentials credentials, AdminGuard adminGuard) {
        if (command.description() != null && !Objects.equals(command.description(), description)) {
            apply(new ServiceAccountDescriptionChangedEvent(accountId, command.description()));
        }
        if (command.active() != null && command.active() != active) {
            if (!command.active()) {
                adminGuard.requireAnotherAdmin(accountId, user, "deactivate");
            }
            credentials.setActive(accountId, command.active());
            apply(command.active() ? new ServiceAccountActivatedEvent(accountId) : new ServiceAccountDeactivatedEvent(accountId));
        }
    }

    @CommandHandler
    void handle(ChangeServiceAccountPasswordCommand command, AccountCredentials credentials) {
        credentials.changePassword(accountId, command.newPasswordHash());
        apply(new ServiceAccountPasswordChangedEvent(accountId));
    }

    /** Deleting an account deletes its role bindings: a new account of the name starts with none. */
    @CommandHandler
    void handle(DeleteServiceAccountCommand command, AccountCredentials credentials, AdminGuard adminGuard,
                NameClaims names) {
        adminGuard.requireAnotherAdmin(accountId, user, "delete");
        credentials.delete(accountId);
        names.releaseRoleBindingsOfPrincipal(accountId);
        apply(new ServiceAccountDeletedEvent(accountId, user));
    }

    @CommandHandler
    void handle(RecordServiceAccountLoginCommand command) {
        apply(new ServiceAccountLoggedInEvent(accountId));
    }

    /** The account as {@code GET /service-accounts/{id}} shows it, so a write answers from here. */
    ServiceAccountView view() {
        return new ServiceAccountView(accountId, user, description, active, createdAt, updatedAt, lastLoginAt);
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event, @Timestamp Instant occurredAt) {
        this.accountId = event.accountId();
        this.user = event.user();
        this.description = event.description();
        this.active = true;
        this.createdAt = SqlTime.wire(occurredAt);
        this.updatedAt = createdAt;
    }

    @EventSourcingHandler
    void on(ServiceAccountDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        this.description = event.description();
        this.updatedAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(ServiceAccountActivatedEvent event, @Timestamp Instant occurredAt) {
        this.active = true;
        this.updatedAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeactivatedEvent event, @Timestamp Instant occurredAt) {
        this.active = false;
        this.updatedAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(ServiceAccountPasswordChangedEvent event, @Timestamp Instant occurredAt) {
        this.updatedAt = SqlTime.wire(occurredAt);
    }

    /** A login is no change to the account: it moves only the last login, as the read model does. */
    @EventSourcingHandler
    void on(ServiceAccountLoggedInEvent event, @Timestamp Instant occurredAt) {
        this.lastLoginAt = SqlTime.wire(occurredAt);
    }

    @EventSourcingHandler
    void on(ServiceAccountDeletedEvent event) {
        markDeleted();
    }
}
