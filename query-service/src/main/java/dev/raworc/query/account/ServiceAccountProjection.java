package dev.raworc.query.account;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.account.ServiceAccountActivatedEvent;
import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountDeactivatedEvent;
import dev.raworc.api.account.ServiceAccountDeletedEvent;
import dev.raworc.api.account.ServiceAccountDescriptionChangedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.api.account.ServiceAccountPasswordChangedEvent;
import dev.raworc.platform.storage.RowUpdate;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;

/** Keeps {@code service_accounts} in step with the service-account events. Idempotent per event. */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class ServiceAccountProjection {

    /** Counted as AccountCredentials counts it: a token carries the generation it was issued in. */
    private static final String VOIDING_TOKENS = "active = :value, generation = generation + 1";

    private final JdbcClient jdbc;

    ServiceAccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ServiceAccountCreatedEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO service_accounts (id, user_name, description, active, created_at, updated_at)
                VALUES (:id, :user, :description, TRUE, :at, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", event.accountId())
                .param("user", event.user())
                .param("description", event.description())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(ServiceAccountDescriptionChangedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "service_accounts", event.accountId(), "description = :value", event.description(), occurredAt);
    }

    @EventHandler
    void on(ServiceAccountActivatedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "service_accounts", event.accountId(), VOIDING_TOKENS, true, occurredAt);
    }

    @EventHandler
    void on(ServiceAccountDeactivatedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "service_accounts", event.accountId(), VOIDING_TOKENS, false, occurredAt);
    }

    @EventHandler
    void on(ServiceAccountPasswordChangedEvent event, @Timestamp Instant occurredAt) {
        RowUpdate.set(jdbc, "service_accounts", event.accountId(), "generation = generation + :value", 1, occurredAt);
    }

    @EventHandler
    void on(ServiceAccountLoggedInEvent event, @Timestamp Instant occurredAt) {
        jdbc.sql("UPDATE service_accounts SET last_login_at = :at WHERE id = :id")
                .param("id", event.accountId())
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event) {
        jdbc.sql("DELETE FROM service_accounts WHERE id = :id").param("id", event.accountId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM service_accounts").update();
    }

}
