package dev.raworc.command.account;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/**
 * Keeps at least one active account bound globally to {@code admin}. It reads only what commits
 * with each change (credentials and binding claims, not the read models), and changes that could
 * remove the last administrator take a transaction-wide lock first, so two admins removing each
 * other at the same moment cannot both succeed.
 */
@Component
public class AdminGuard {

    public static final String ADMIN_ROLE = "admin";
    private static final long ADMINISTRATION_LOCK = 0x7261776f7263L; // "raworc"

    /** Active accounts with a global binding to the admin role, by the binding claims. */
    private static final String ACTIVE_GLOBAL_ADMINS = """
            SELECT EXISTS (SELECT 1 FROM account_credentials c
                JOIN name_claims role ON role.kind = 'role' AND role.name = :role
                JOIN name_claims binding ON binding.kind = 'role-binding'
                    AND binding.name = role.owner_id || '/' || c.account_id || '/*'
                WHERE c.active""";

    private final JdbcClient jdbc;

    public AdminGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws DomainException (conflict) when the account is the last active global admin */
    public void requireAnotherAdmin(UUID accountId, String user, String action) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ADMINISTRATION_LOCK).query().singleValue();
        if (activeGlobalAdmin(accountId, "=") && !activeGlobalAdmin(accountId, "<>")) {
            throw DomainException.conflict("Cannot " + action + " '" + user
                    + "': it is the last active account bound globally to role 'admin'");
        }
    }

    private boolean activeGlobalAdmin(UUID accountId, String comparison) {
        return jdbc.sql(ACTIVE_GLOBAL_ADMINS + " AND c.account_id " + comparison + " :id)")
                .param("id", accountId).param("role", ADMIN_ROLE)
                .query(Boolean.class).single();
    }
}
