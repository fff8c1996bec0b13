package dev.raworc.command.secret;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.secret.CreateSecretCommand;
import dev.raworc.api.secret.DeleteSecretCommand;
import dev.raworc.api.secret.RecordSecretDisclosureCommand;
import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.secret.SecretCreatedEvent;
import dev.raworc.api.secret.SecretDeletedEvent;
import dev.raworc.api.secret.SecretDescriptionChangedEvent;
import dev.raworc.api.secret.SecretDisclosedEvent;
import dev.raworc.api.secret.SecretValueChangedEvent;
import dev.raworc.api.secret.SecretView;
import dev.raworc.api.secret.UpdateSecretCommand;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.storage.NameClaims;

/**
 * A secret of a space. Its plaintext exists only in the command; the vault seals it under a new
 * data key in the event's transaction, and the event records ciphertext and key id only. A new
 * value destroys the previous value's key; deleting the secret destroys all of them.
 */
// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 holds the sealed value and the view's fields, so the command side answers and discloses alone.
@Revision("2")
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshotTrigger")
class Secret {

    @AggregateIdentifier
    private UUID secretId;
    private String space;
    private String key;
    private String description;
    /** Ciphertext and data key id only, as in the events. */
    private SealedValue value;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    Secret() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Secret(CreateSecretCommand command, NameClaims names, SecretVault vault) {
        names.claim(NameClaims.Kind.SECRET, command.space() + "/" + command.key(), command.secretId(),
                "Secret '" + command.key() + "' already exists in space '" + command.space() + "'");
        SealedValue sealed = vault.seal(command.secretId(), command.space(), command.value());
        apply(new SecretCreatedEvent(command.secretId(), command.space(), command.key(), command.description(), sealed));
    }

    @CommandHandler
    void handle(UpdateSecretCommand command, SecretVault vault) {
        if (command.value() != null) {
            SealedValue sealed = vault.seal(secretId, space, command.value());
            vault.shredKey(value.keyId());
            apply(new SecretValueChangedEvent(secretId, sealed));
        }
        if (command.description() != null && !command.description().equals(description)) {
            apply(new SecretDescriptionChangedEvent(secretId, command.description()));
        }
    }

    @CommandHandler
    void handle(DeleteSecretCommand command, NameClaims names, SecretVault vault) {
        vault.shredSecret(secretId);
        names.release(NameClaims.Kind.SECRET, secretId);
        apply(new SecretDeletedEvent(secretId, space, key));
    }

    @CommandHandler
    void handle(RecordSecretDisclosureCommand command) {
        apply(new SecretDisclosedEvent(secretId, space, key));
    }

    /** The secret as GET answers it without its value. */
    SecretView view() {
        return new SecretView(key, space, description, createdBy, createdAt, updatedAt);
    }

    /** The sealed current value, to be opened by the vault for a recorded disclosure. */
    SealedValue sealedValue() {
        return value;
    }

    UUID id() {
        return secretId;
    }

    @EventSourcingHandler
    void on(SecretCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        this.secretId = event.secretId();
        this.space = event.space();
        this.key = event.key();
        this.description = event.description();
        this.value = event.value();
        this.createdBy = principal;
        this.createdAt = changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SecretValueChangedEvent event, @Timestamp Instant occurredAt) {
        this.value = event.value();
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SecretDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        this.description = event.description();
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SecretDeletedEvent event) {
        markDeleted();
    }

    /** Times at the millisecond precision the read model stores, so both sides answer alike. */
    private Instant changedAt(Instant occurredAt) {
        this.updatedAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        return updatedAt;
    }
}
