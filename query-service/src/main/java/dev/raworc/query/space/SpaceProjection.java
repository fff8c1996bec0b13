package dev.raworc.query.space;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.space.SpaceActivatedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.space.SpaceDeactivatedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.api.space.SpaceDescriptionChangedEvent;
import dev.raworc.api.space.SpaceSettingsChangedEvent;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.RowUpdate;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;

/** Keeps {@code spaces} in step with the space events. Idempotent per event. */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class SpaceProjection {

    private final JdbcClient jdbc;

    SpaceProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SpaceCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        jdbc.sql("""
                INSERT INTO spaces (id, name, description, settings, active, created_by, created_at, updated_at)
                VALUES (:id, :name, :description, CAST(:settings AS jsonb), TRUE, :by, :at, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.spaceId())
                .param("name", event.name())
                .param("description", event.description())
                .param("settings", JsonColumns.write(event.settings()))
                .param("by", principal)
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(SpaceDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "spaces", event.spaceId(), "description = :value", event.description(), occurredAt);
    }

    @EventHandler
    void on(SpaceSettingsChangedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "spaces", event.spaceId(), "settings = CAST(:value AS jsonb)", JsonColumns.write(event.settings()), occurredAt);
    }

    @EventHandler
    void on(SpaceActivatedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "spaces", event.spaceId(), "active = :value", true, occurredAt);
    }

    @EventHandler
    void on(SpaceDeactivatedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "spaces", event.spaceId(), "active = :value", false, occurredAt);
    }

    @EventHandler
    void on(SpaceDeletedEvent event) {
        jdbc.sql("DELETE FROM spaces WHERE id = :id").param("id", event.spaceId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM spaces").update();
    }

}
