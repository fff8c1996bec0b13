package dev.raworc.platform.storage;

import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.raworc.api.DomainException;

/**
 * Unique names of the command side. Command handlers claim a name in the same transaction as the
 * event they apply, so the unique key decides between concurrent creates; reads are strongly
 * consistent, unlike the read models.
 */
@Repository
public class NameClaims {

    public enum Kind {
        ROLE("role"), SPACE("space"), ROLE_BINDING("role-binding"), SECRET("secret"), SESSION("session"),
        /** {@code space/sessionId} of every session not deleted: what keeps a space from deletion. */
        SESSION_IN_SPACE("session-in-space");

        private final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private final JdbcClient jdbc;

    /** How a role binding is claimed: one binding per role, principal and space ({@code *}: global). */
    public static String roleBindingIdentity(UUID roleId, UUID principalId, String space) {
        return roleId + "/" + principalId + "/" + (space == null ? "*" : space);
    }

    public NameClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws DomainException (conflict) with {@code conflictMessage} when the name is taken */
    public void claim(Kind kind, String name, UUID owner, String conflictMessage) {
        try {
            jdbc.sql("INSERT INTO name_claims (kind, name, owner_id) VALUES (:kind, :name, :owner)")
                    .param("kind", kind.key).param("name", name).param("owner", owner)
                    .update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict(conflictMessage);
        }
    }

    /** Releases every name of a kind that starts with the prefix (the secrets of a space, say). */
    public void releaseStartingWith(Kind kind, String prefix) {
        jdbc.sql("DELETE FROM name_claims WHERE kind = :kind AND starts_with(name, :prefix)")
                .param("kind", kind.key).param("prefix", prefix)
                .update();
    }

    /**
     * Releases the binding claims of a deleted role, account or space, so the bindings are gone
     * for every check, and an identical binding to a successor of the same name can be made.
     */
    public void releaseRoleBindingsOfRole(UUID roleId) {
        releaseRoleBindingsMatching(roleId + "/%");
    }

    public void releaseRoleBindingsOfPrincipal(UUID principalId) {
        releaseRoleBindingsMatching("%/" + principalId + "/%");
    }

    public void releaseRoleBindingsInSpace(String space) {
        releaseRoleBindingsMatching("%/%/" + space.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
    }

    private void releaseRoleBindingsMatching(String pattern) {
        jdbc.sql("DELETE FROM name_claims WHERE kind = :kind AND name LIKE :pattern")
                .param("kind", Kind.ROLE_BINDING.key).param("pattern", pattern)
                .update();
    }

    public void release(Kind kind, UUID owner) {
        jdbc.sql("DELETE FROM name_claims WHERE kind = :kind AND owner_id = :owner")
                .param("kind", kind.key).param("owner", owner)
                .update();
    }

    /** The claimed name of an owner, if it holds one of that kind. */
    public Optional<String> name(Kind kind, UUID owner) {
        return jdbc.sql("SELECT name FROM name_claims WHERE kind = :kind AND owner_id = :owner")
                .param("kind", kind.key).param("owner", owner)
                .query(String.class).optional();
    }

    /** The owner of a name given as the owner's id or as the name itself. */
    public Optional<UUID> ownerOfIdOrName(Kind kind, String idOrName) {
        Optional<UUID> id = Ids.parse(idOrName).filter(owner -> name(kind, owner).isPresent());
        return id.isPresent() ? id : owner(kind, idOrName);
    }

    public Optional<UUID> owner(Kind kind, String name) {
        return jdbc.sql("SELECT owner_id FROM name_claims WHERE kind = :kind AND name = :name")
                .param("kind", kind.key).param("name", name)
                .query(UUID.class).optional();
    }
}
