package dev.raworc.command.space;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.space.CreateSpaceCommand;
import dev.raworc.api.space.DeleteSpaceCommand;
import dev.raworc.api.space.SpaceActivatedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.space.SpaceDeactivatedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.api.space.SpaceDescriptionChangedEvent;
import dev.raworc.api.space.SpaceSettingsChangedEvent;
import dev.raworc.api.space.UpdateSpaceCommand;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.storage.NameClaims;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate
class Space {

    @AggregateIdentifier
    private UUID spaceId;
    private String name;
    private String description;
    private Map<String, Object> settings;
    private boolean active;

    Space() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    Space(CreateSpaceCommand command, NameClaims names) {
        names.claim(NameClaims.Kind.SPACE, command.name(), command.spaceId(), "Space '" + command.name() + "' already exists");
        apply(new SpaceCreatedEvent(command.spaceId(), command.name(), command.description(),
                command.settings() == null ? Map.of() : command.settings()));
    }

    @CommandHandler
    void handle(UpdateSpaceCommand command) {
        if (command.description() != null && !command.description().equals(description)) {
            apply(new SpaceDescriptionChangedEvent(spaceId, command.description()));
        }
        if (command.settings() != null && !command.settings().equals(settings)) {
            apply(new SpaceSettingsChangedEvent(spaceId, command.settings()));
        }
        if (command.active() != null && command.active() != active) {
            apply(command.active() ? new SpaceActivatedEvent(spaceId) : new SpaceDeactivatedEvent(spaceId));
        }
    }

    /**
     * Deleting a space destroys its secrets' data keys (their values are gone for good) and ends
     * the role bindings in it, so a new space of the name grants nothing to anyone.
     */
    @CommandHandler
    void handle(DeleteSpaceCommand command, NameClaims names, SpaceDeletionChecks checks, SecretVault vault) {
        if (Names.DEFAULT_SPACE.equals(name)) {
            throw DomainException.conflict("Space 'default' always exists and cannot be deleted");
        }
        checks.requireDeletable(name);
        vault.shredSpace(name);
        names.releaseStartingWith(NameClaims.Kind.SECRET, name + "/");
        names.releaseRoleBindingsInSpace(name);
        names.release(NameClaims.Kind.SPACE, spaceId);
        apply(new SpaceDeletedEvent(spaceId, name));
    }

    @EventSourcingHandler
    void on(SpaceCreatedEvent event) {
        this.spaceId = event.spaceId();
        this.name = event.name();
        this.description = event.description();
        this.settings = event.settings();
        this.active = true;
    }

    @EventSourcingHandler
    void on(SpaceDescriptionChangedEvent event) {
        this.description = event.description();
    }

    @EventSourcingHandler
    void on(SpaceSettingsChangedEvent event) {
        this.settings = event.settings();
    }

    @EventSourcingHandler
    void on(SpaceActivatedEvent event) {
        this.active = true;
    }

    @EventSourcingHandler
    void on(SpaceDeactivatedEvent event) {
        this.active = false;
    }

    @EventSourcingHandler
    void on(SpaceDeletedEvent event) {
        markDeleted();
    }
}
