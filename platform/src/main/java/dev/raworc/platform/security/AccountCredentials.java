package dev.raworc.platform.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.api.DomainException;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.platform.storage.Ids;

/**
 * Password hashes and token validity, kept outside the event log so no event ever carries
 * password material. Command handlers write here in the same transaction as the events they
 * apply; the unique user name is the claim that lets only one of two concurrent creates win.
 */
@Repository
public class AccountCredentials {

    private final JdbcClient jdbc;

    public AccountCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws DomainException (conflict) when the user name is taken */
    public void register(UUID accountId, String user, PasswordHash passwordHash) {
        try {
            jdbc.sql("""
                    INSERT INTO account_credentials (account_id, user_name, password_hash, active, generation)
                    VALUES (:id, :user, :hash, TRUE, 0)""")
                    .param("id", accountId)
                    .param("user", user)
                    .param("hash", passwordHash.encoded())
                    .update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("Service account '" + user + "' already exists");
        }
    }

    /** Deactivating voids the account's tokens for good: reactivating does not revive them. */
    public void setActive(UUID accountId, boolean active) {
        jdbc.sql("UPDATE account_credentials SET active = :active, generation = generation + 1 WHERE account_id = :id")
                .param("id", accountId).param("active", active)
                .update();
    }

    /** Stores the new hash and voids every token issued before. */
    public void changePassword(UUID accountId, PasswordHash passwordHash) {
        jdbc.sql("UPDATE account_credentials SET password_hash = :hash, generation = generation + 1 WHERE account_id = :id")
                .param("id", accountId).param("hash", passwordHash.encoded())
                .update();
    }

    /** Forgets the account: its name is free again and its tokens stop working. */
    public void delete(UUID accountId) {
        jdbc.sql("DELETE FROM account_credentials WHERE account_id = :id").param("id", accountId).update();
    }

    public Optional<StoredCredentials> findByUser(String user) {
        return jdbc.sql("SELECT * FROM account_credentials WHERE user_name = :user")
                .param("user", user)
                .query(AccountCredentials::map)
                .optional();
    }

    /** The account named by its id or by its user name. */
    public Optional<StoredCredentials> findByIdOrUser(String idOrUser) {
        Optional<StoredCredentials> byId = Ids.parse(idOrUser).flatMap(this::findById);
        return byId.isPresent() ? byId : findByUser(idOrUser);
    }

    public Optional<StoredCredentials> findById(UUID accountId) {
        return jdbc.sql("SELECT * FROM account_credentials WHERE account_id = :id")
                .param("id", accountId)
                .query(AccountCredentials::map)
                .optional();
    }

    public boolean isEmpty() {
        return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM account_credentials)").query(Boolean.class).single();
    }

    private static StoredCredentials map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new StoredCredentials(
                rs.getObject("account_id", UUID.class),
                rs.getString("user_name"),
                new PasswordHash(rs.getString("password_hash")),
                rs.getBoolean("active"),
                rs.getLong("generation"));
    }
}
