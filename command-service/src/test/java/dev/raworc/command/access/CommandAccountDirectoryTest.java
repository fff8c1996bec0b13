package dev.raworc.command.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.access.Rule;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.platform.access.AccountAccess;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

/** The command side's directory over its own tables (real PostgreSQL). */
class CommandAccountDirectoryTest {

    private static final List<Rule> RULES = List.of(new Rule(List.of("api"), List.of("spaces"), List.of("get"), null));

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final AccountCredentials credentials = new AccountCredentials(jdbc);
    private final NameClaims names = new NameClaims(jdbc);
    private final AccessLookups lookups = new AccessLookups(jdbc);
    private final CommandAccountDirectory directory = new CommandAccountDirectory(jdbc);
    private final UUID accountId = UUID.randomUUID();
    private final String user = "dir-" + accountId;
    private final UUID roleId = UUID.randomUUID();
    private final String roleName = "role-" + roleId;

    @Test
    void answersTheAccountWithItsBindingsOldestFirst() {
        credentials.register(accountId, user, new PasswordHash("$argon2id$x"));
        lookups.addRole(roleId, roleName, RULES);
        bind("b", Instant.parse("2026-12-01T10:00:01Z"));
        bind(null, Instant.parse("2026-12-01T10:00:00Z"));

        AccountAccess access = directory.find(accountId).orElseThrow();

        assertThat(access.user()).isEqualTo(user);
        assertThat(access.active()).isTrue();
        assertThat(access.generation()).isZero();
        assertThat(access.grants()).extracting(AccountAccess.Grant::space).containsExactly(null, "b");
        assertThat(access.grants().get(0).roleName()).isEqualTo(roleName);
        assertThat(access.grants().get(0).rulesJson()).contains("\"spaces\"");
    }

    @Test
    void changesThatVoidTokensShowAtOnce() {
        credentials.register(accountId, user, new PasswordHash("$argon2id$x"));

        credentials.setActive(accountId, false);

        AccountAccess access = directory.find(accountId).orElseThrow();
        assertThat(access.active()).isFalse();
        assertThat(access.generation()).isEqualTo(1);
        assertThat(access.grants()).isEmpty();
    }

    /** Deleting a role, account or space releases the binding's claim, which is what ends its grant. */
    @Test
    void aBindingWhoseClaimIsReleasedGrantsNothing() {
        credentials.register(accountId, user, new PasswordHash("$argon2id$x"));
        lookups.addRole(roleId, roleName, RULES);
        bind("gone", Instant.parse("2026-12-01T10:00:00Z"));

        names.releaseRoleBindingsInSpace("gone");

        assertThat(directory.find(accountId).orElseThrow().grants()).isEmpty();
    }

    @Test
    void unknownAccountIsEmpty() {
        assertThat(directory.find(UUID.randomUUID())).isEmpty();
    }

    private void bind(String space, Instant at) {
        UUID bindingId = UUID.randomUUID();
        names.claim(NameClaims.Kind.ROLE_BINDING, NameClaims.roleBindingIdentity(roleId, accountId, space), bindingId, "taken");
        lookups.addBinding(bindingId, roleId, roleName, accountId, space, at);
    }
}
