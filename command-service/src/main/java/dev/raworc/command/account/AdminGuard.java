package dev.raworc.command.account;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/**
 * Keeps at least one active account bound globally to {@code admin}. Changes that could remove
 * the last one take a transaction-wide lock first, so two admins deactivating each other at once
 * cannot both succeed; activity is read from the credentials, which commit with the change.
 */
@Component
class AdminGuard {

    static final String ADMIN_ROLE = "admin";
    private static final long ADMINISTRATION_LOCK = 0x7261776f7263L; // "raworc"

    private final JdbcClient jdbc;

    AdminGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws DomainException (conflict) when the account is the last active global admin */
    void requireAnotherAdmin(UUID accountId, String user, String action) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ADMINISTRATION_LOCK).query().singleValue();
        if (isActiveGlobalAdmin(accountId) && !anotherActiveGlobalAdmin(accountId)) {
            throw DomainException.conflict("Cannot " + action + " '" + user
                    + "': it is the last active account bound globally to role 'admin'");
        }
    }

    private boolean isActiveGlobalAdmin(UUID accountId) {
        return jdbc.sql(ACTIVE_GLOBAL_ADMINS + " AND c.account_id = :id)")
                .param("id", accountId).param("role", ADMIN_ROLE)
                .query(Boolean.class).single();
    }

    private boolean anotherActiveGlobalAdmin(UUID accountId) {
        return jdbc.sql(ACTIVE_GLOBAL_ADMINS + " AND c.account_id <> :id)")
                .param("id", accountId).param("role", ADMIN_ROLE)
                .query(Boolean.class).single();
    }

    private static final String ACTIVE_GLOBAL_ADMINS = """
            SELECT EXISTS (SELECT 1 FROM account_credentials c
                JOIN role_bindings b ON b.principal_id = c.account_id
                WHERE c.active AND b.space IS NULL AND b.role_name = :role""";
}
