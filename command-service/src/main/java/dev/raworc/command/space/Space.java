package dev.raworc.command.space;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import dev.raworc.api.DomainException;
import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.Names;
import dev.raworc.api.space.CreateSpaceCommand;
import dev.raworc.api.space.DeleteSpaceCommand;
import dev.raworc.api.space.SpaceActivatedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.space.SpaceDeactivatedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.api.space.SpaceDescriptionChangedEvent;
import dev.raworc.api.space.SpaceSettingsChangedEvent;
import dev.raworc.api.space.SpaceView;
import dev.raworc.api.space.UpdateSpaceCommand;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.storage.NameClaims;

// Snapshots are written by Jackson, which must see the private state fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
// Revision 2 added the fields of the view (who created it, when it changed): older snapshots lack them.
@Revision("2")
@Aggregate
class Space {

    @AggregateIdentifier
    private UUID spaceId;
    private String name;
    private String description;
    private Map<String, Object> settings;
    private boolean active;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;

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

    /** The space as GET answers it: what a write answers without a query side. */
    SpaceView view() {
        return new SpaceView(name, description, settings, active, createdBy, createdAt, updatedAt);
    }

    /** Whether sessions may be created in it. */
    boolean active() {
        return active;
    }

    @EventSourcingHandler
    void on(SpaceCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        this.spaceId = event.spaceId();
        this.name = event.name();
        this.description = event.description();
        this.settings = event.settings();
        this.active = true;
        this.createdBy = principal;
        this.createdAt = changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SpaceDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        this.description = event.description();
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SpaceSettingsChangedEvent event, @Timestamp Instant occurredAt) {
        this.settings = event.settings();
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SpaceActivatedEvent event, @Timestamp Instant occurredAt) {
        this.active = true;
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SpaceDeactivatedEvent event, @Timestamp Instant occurredAt) {
        this.active = false;
        changedAt(occurredAt);
    }

    @EventSourcingHandler
    void on(SpaceDeletedEvent event) {
        markDeleted();
    }

    /** Times at the millisecond precision the read model stores, so both sides answer alike. */
    private Instant changedAt(Instant occurredAt) {
        this.updatedAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
        return updatedAt;
    }
}
