package dev.raworc.query.secret;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.secret.SecretCreatedEvent;
import dev.raworc.api.secret.SecretDeletedEvent;
import dev.raworc.api.secret.SecretDescriptionChangedEvent;
import dev.raworc.api.secret.SecretValueChangedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.platform.storage.RowUpdate;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;

/** Keeps {@code secrets} in step with the secret events: ciphertext only. Idempotent per event. */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class SecretProjection {

    private final JdbcClient jdbc;

    SecretProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SecretCreatedEvent event, @Timestamp Instant occurredAt, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        jdbc.sql("""
                INSERT INTO secrets (id, space, key, description, key_id, nonce, ciphertext, created_by, created_at, updated_at)
                VALUES (:id, :space, :key, :description, :keyId, :nonce, :ciphertext, :by, :at, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.secretId())
                .param("space", event.space())
                .param("key", event.key())
                .param("description", event.description())
                .param("keyId", event.value().keyId())
                .param("nonce", event.value().nonce())
                .param("ciphertext", event.value().ciphertext())
                .param("by", principal)
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(SecretValueChangedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                UPDATE secrets SET key_id = :keyId, nonce = :nonce, ciphertext = :ciphertext, updated_at = :at
                WHERE id = :id""")
                .param("id", event.secretId())
                .param("keyId", event.value().keyId())
                .param("nonce", event.value().nonce())
                .param("ciphertext", event.value().ciphertext())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(SecretDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "secrets", event.secretId(), "description = :value", event.description(), occurredAt);
    }

    @EventHandler
    void on(SecretDeletedEvent event) {
        jdbc.sql("DELETE FROM secrets WHERE id = :id").param("id", event.secretId()).update();
    }

    @EventHandler
    void on(SpaceDeletedEvent event) {
        jdbc.sql("DELETE FROM secrets WHERE space = :space").param("space", event.name()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM secrets").update();
    }
}
