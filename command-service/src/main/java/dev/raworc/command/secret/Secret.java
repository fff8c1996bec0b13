package dev.raworc.command.secret;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.secret.CreateSecretCommand;
import dev.raworc.api.secret.DeleteSecretCommand;
import dev.raworc.api.secret.RecordSecretDisclosureCommand;
import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.secret.SecretCreatedEvent;
import dev.raworc.api.secret.SecretDeletedEvent;
import dev.raworc.api.secret.SecretDescriptionChangedEvent;
import dev.raworc.api.secret.SecretDisclosedEvent;
import dev.raworc.api.secret.SecretValueChangedEvent;
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
@Aggregate
class Secret {

    @AggregateIdentifier
    private UUID secretId;
    private String space;
    private String key;
    private String description;
    private UUID currentKeyId;

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
            vault.shredKey(currentKeyId);
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

    @EventSourcingHandler
    void on(SecretCreatedEvent event) {
        this.secretId = event.secretId();
        this.space = event.space();
        this.key = event.key();
        this.description = event.description();
        this.currentKeyId = event.value().keyId();
    }

    @EventSourcingHandler
    void on(SecretValueChangedEvent event) {
        this.currentKeyId = event.value().keyId();
    }

    @EventSourcingHandler
    void on(SecretDescriptionChangedEvent event) {
        this.description = event.description();
    }

    @EventSourcingHandler
    void on(SecretDeletedEvent event) {
        markDeleted();
    }
}
