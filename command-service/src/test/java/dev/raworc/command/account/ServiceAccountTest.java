package dev.raworc.command.account;

import static dev.raworc.command.DomainRefusals.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.account.ChangeServiceAccountPasswordCommand;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.account.DeleteServiceAccountCommand;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.api.account.RecordServiceAccountLoginCommand;
import dev.raworc.api.account.ServiceAccountActivatedEvent;
import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountDeactivatedEvent;
import dev.raworc.api.account.ServiceAccountDeletedEvent;
import dev.raworc.api.account.ServiceAccountDescriptionChangedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.api.account.ServiceAccountPasswordChangedEvent;
import dev.raworc.api.account.UpdateServiceAccountCommand;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.security.StoredCredentials;
import dev.raworc.platform.storage.NameClaims;

/**
 * The service-account aggregate with real credentials and a real {@link AdminGuard}, both on the
 * guard's own database (see {@link AdminGuardDatabase}): every test starts with no role bindings,
 * so no account is an admin unless the test binds it.
 */
class ServiceAccountTest {

    private final JdbcClient jdbc = AdminGuardDatabase.jdbc();
    private final AccountCredentials credentials = new AccountCredentials(jdbc);
    private final NameClaims names = new NameClaims(jdbc);
    private AggregateTestFixture<ServiceAccount> fixture;
    private UUID accountId;
    private String user;

    @BeforeEach
    void setUp() {
        AdminGuardDatabase.removeAllBindings();
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(new AdminGuard(jdbc));
        fixture.registerInjectableResource(names);
        accountId = UUID.randomUUID();
        user = "user-" + accountId.toString().substring(0, 8);
    }

    // --- create ---

    @Test
    void createRecordsTheAccountAndKeepsThePasswordOutOfTheEvent() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccountCommand(accountId, user, new PasswordHash("hash-1"), "robot"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountCreatedEvent(accountId, user, "robot"));

        assertThat(credentials.findByUser(user)).hasValueSatisfying(stored -> {
            assertThat(stored.accountId()).isEqualTo(accountId);
            assertThat(stored.passwordHash().encoded()).isEqualTo("hash-1");
            assertThat(stored.active()).isTrue();
            assertThat(stored.generation()).isZero();
        });
    }

    @Test
    void createWithATakenUserNameIsAConflictAndRecordsNothing() {
        UUID owner = UUID.randomUUID();
        credentials.register(owner, user, new PasswordHash("other"));

        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccountCommand(accountId, user, new PasswordHash("hash-1"), null))
                .expectException(conflict("Service account '" + user + "' already exists"))
                .expectNoEvents();
        assertThat(credentials.findById(accountId)).isEmpty();
        assertThat(credentials.findByUser(user)).hasValueSatisfying(stored -> {
            assertThat(stored.accountId()).isEqualTo(owner);
            assertThat(stored.passwordHash().encoded()).isEqualTo("other");
        });
    }

    // --- update ---

    @Test
    void updateWithOnlyADescriptionChangesOnlyTheDescription() {
        registered();

        fixture.given(created("old"))
                .when(new UpdateServiceAccountCommand(accountId, "new", null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDescriptionChangedEvent(accountId, "new"));
        assertThat(stored().active()).isTrue();
    }

    @Test
    void updateGivingNothingRecordsNothing() {
        fixture.given(created("same"))
                .when(new UpdateServiceAccountCommand(accountId, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateToTheCurrentValuesRecordsNothing() {
        registered();

        fixture.given(created("same"))
                .when(new UpdateServiceAccountCommand(accountId, "same", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(stored().active()).isTrue();
    }

    @Test
    void updateSettingADescriptionWhereThereWasNoneIsAChange() {
        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, "first", null))
                .expectEvents(new ServiceAccountDescriptionChangedEvent(accountId, "first"));
    }

    @Test
    void deactivateSetsTheCredentialsInactive() {
        registered();

        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, null, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeactivatedEvent(accountId));
        assertThat(stored().active()).isFalse();
    }

    @Test
    void deactivatingAnInactiveAccountRecordsNothing() {
        registered();
        credentials.setActive(accountId, false);

        fixture.given(created(null), new ServiceAccountDeactivatedEvent(accountId))
                .when(new UpdateServiceAccountCommand(accountId, null, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(stored().active()).isFalse();
    }

    @Test
    void activateSetsTheCredentialsActiveAgain() {
        registered();
        credentials.setActive(accountId, false);

        fixture.given(created(null), new ServiceAccountDeactivatedEvent(accountId))
                .when(new UpdateServiceAccountCommand(accountId, null, true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountActivatedEvent(accountId));
        assertThat(stored().active()).isTrue();
    }

    @Test
    void activatingAnActiveAccountRecordsNothing() {
        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateOfDescriptionAndActivityRecordsBothInOrder() {
        registered();

        fixture.given(created("old"))
                .when(new UpdateServiceAccountCommand(accountId, "new", false))
                .expectEvents(new ServiceAccountDescriptionChangedEvent(accountId, "new"),
                        new ServiceAccountDeactivatedEvent(accountId));
        assertThat(stored().active()).isFalse();
    }

    // --- the last active global admin ---

    @Test
    void theLastActiveGlobalAdminCannotBeDeactivated() {
        registeredGlobalAdmin();

        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, null, false))
                .expectException(conflict(lastAdmin("deactivate")))
                .expectNoEvents();
        assertThat(stored().active()).isTrue();
    }

    @Test
    void theLastActiveGlobalAdminRefusalTakesTheDescriptionChangeWithIt() {
        registeredGlobalAdmin();

        fixture.given(created("old"))
                .when(new UpdateServiceAccountCommand(accountId, "new", false))
                .expectException(conflict(lastAdmin("deactivate")))
                .expectNoEvents();
        assertThat(stored().active()).isTrue();
    }

    @Test
    void theLastActiveGlobalAdminCannotBeDeleted() {
        registeredGlobalAdmin();

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectException(conflict(lastAdmin("delete")))
                .expectNoEvents();
        assertThat(credentials.findById(accountId)).isPresent();
    }

    @Test
    void anAdminCanBeDeactivatedWhileAnotherActiveGlobalAdminRemains() {
        registeredGlobalAdmin();
        UUID other = otherAccount(true);
        bind(other, "other", AdminGuard.ADMIN_ROLE, null);

        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, null, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeactivatedEvent(accountId));
        assertThat(stored().active()).isFalse();
    }

    @Test
    void anAdminCanBeDeletedWhileAnotherActiveGlobalAdminRemains() {
        registeredGlobalAdmin();
        UUID other = otherAccount(true);
        bind(other, "other", AdminGuard.ADMIN_ROLE, null);

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeletedEvent(accountId, user));
        assertThat(credentials.findById(accountId)).isEmpty();
    }

    @Test
    void anInactiveOtherAdminDoesNotCount() {
        registeredGlobalAdmin();
        UUID other = otherAccount(false);
        bind(other, "other", AdminGuard.ADMIN_ROLE, null);

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectException(conflict(lastAdmin("delete")))
                .expectNoEvents();
        assertThat(credentials.findById(accountId)).isPresent();
    }

    @Test
    void anOtherAdminBoundOnlyInASpaceDoesNotCount() {
        registeredGlobalAdmin();
        UUID other = otherAccount(true);
        bind(other, "other", AdminGuard.ADMIN_ROLE, "a");

        fixture.given(created(null))
                .when(new UpdateServiceAccountCommand(accountId, null, false))
                .expectException(conflict(lastAdmin("deactivate")))
                .expectNoEvents();
        assertThat(stored().active()).isTrue();
    }

    @Test
    void anOtherAccountBoundGloballyToAnotherRoleDoesNotCount() {
        registeredGlobalAdmin();
        UUID other = otherAccount(true);
        bind(other, "other", "operator", null);

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectException(conflict(lastAdmin("delete")))
                .expectNoEvents();
    }

    @Test
    void anOtherAdminBindingWhoseAccountIsGoneDoesNotCount() {
        registeredGlobalAdmin();
        bind(UUID.randomUUID(), "deleted", AdminGuard.ADMIN_ROLE, null); // a binding without credentials

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectException(conflict(lastAdmin("delete")))
                .expectNoEvents();
    }

    @Test
    void anAccountBoundToAdminOnlyInASpaceIsNotGuarded() {
        registered();
        bind(accountId, user, AdminGuard.ADMIN_ROLE, "a");

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeletedEvent(accountId, user));
        assertThat(credentials.findById(accountId)).isEmpty();
    }

    @Test
    void anInactiveGlobalAdminIsNotTheLastActiveOneAndCanBeDeleted() {
        registered();
        credentials.setActive(accountId, false);
        bind(accountId, user, AdminGuard.ADMIN_ROLE, null);

        fixture.given(created(null), new ServiceAccountDeactivatedEvent(accountId))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeletedEvent(accountId, user));
    }

    @Test
    void theLastActiveGlobalAdminCanStillBeReactivatedAndChangeItsDescription() {
        registeredGlobalAdmin();

        fixture.given(created("old"))
                .when(new UpdateServiceAccountCommand(accountId, "new", true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDescriptionChangedEvent(accountId, "new"));
    }

    // --- password ---

    @Test
    void passwordChangeStoresTheNewHashAndVoidsEarlierTokens() {
        registered();

        fixture.given(created(null))
                .when(new ChangeServiceAccountPasswordCommand(accountId, new PasswordHash("hash-2")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountPasswordChangedEvent(accountId));
        assertThat(stored().passwordHash().encoded()).isEqualTo("hash-2");
        assertThat(stored().generation()).isEqualTo(1);
        assertThat(stored().active()).isTrue();
    }

    @Test
    void everyPasswordChangeMovesTheGeneration() {
        registered();
        credentials.changePassword(accountId, new PasswordHash("hash-2"));

        fixture.given(created(null), new ServiceAccountPasswordChangedEvent(accountId))
                .when(new ChangeServiceAccountPasswordCommand(accountId, new PasswordHash("hash-3")))
                .expectEvents(new ServiceAccountPasswordChangedEvent(accountId));
        assertThat(stored().passwordHash().encoded()).isEqualTo("hash-3");
        assertThat(stored().generation()).isEqualTo(2);
    }

    @Test
    void passwordChangeOfOneAccountLeavesOthersAlone() {
        registered();
        UUID other = otherAccount(true);
        long otherGeneration = credentials.findById(other).orElseThrow().generation();

        fixture.given(created(null))
                .when(new ChangeServiceAccountPasswordCommand(accountId, new PasswordHash("hash-2")))
                .expectSuccessfulHandlerExecution();
        assertThat(credentials.findById(other)).hasValueSatisfying(stored -> {
            assertThat(stored.passwordHash().encoded()).isEqualTo("other-hash");
            assertThat(stored.generation()).isEqualTo(otherGeneration);
        });
    }

    // --- delete ---

    @Test
    void deleteForgetsTheCredentialsAndFreesTheUserName() {
        registered();

        fixture.given(created(null))
                .when(new DeleteServiceAccountCommand(accountId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountDeletedEvent(accountId, user))
                .expectMarkedDeleted();
        assertThat(credentials.findById(accountId)).isEmpty();
        assertThat(credentials.findByUser(user)).isEmpty();

        UUID reused = UUID.randomUUID();
        new AggregateTestFixture<>(ServiceAccount.class)
                .registerInjectableResource(credentials)
                .givenNoPriorActivity()
                .when(new CreateServiceAccountCommand(reused, user, new PasswordHash("hash-new"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceAccountCreatedEvent(reused, user, null));
        assertThat(credentials.findByUser(user)).hasValueSatisfying(stored -> {
            assertThat(stored.accountId()).isEqualTo(reused);
            assertThat(stored.generation()).isZero();
        });
    }

    // --- login ---

    @Test
    void loginIsRecorded() {
        fixture.given(new ServiceAccountCreatedEvent(accountId, user, null))
                .when(new RecordServiceAccountLoginCommand(accountId))
                .expectEvents(new ServiceAccountLoggedInEvent(accountId));
    }

    @Test
    void loginOfAnInactiveAccountIsStillRecorded() {
        fixture.given(created(null), new ServiceAccountDeactivatedEvent(accountId))
                .when(new RecordServiceAccountLoginCommand(accountId))
                .expectEvents(new ServiceAccountLoggedInEvent(accountId));
    }

    // --- a deleted account ---

    static Stream<Object> commandsOnAnAccount() {
        return Stream.of(
                new UpdateServiceAccountCommand(null, "new", null),
                new UpdateServiceAccountCommand(null, null, false),
                new ChangeServiceAccountPasswordCommand(null, new PasswordHash("hash-2")),
                new DeleteServiceAccountCommand(null),
                new RecordServiceAccountLoginCommand(null));
    }

    @ParameterizedTest
    @MethodSource("commandsOnAnAccount")
    void aDeletedAccountTakesNoMoreCommands(Object template) {
        fixture.given(created(null), new ServiceAccountDeletedEvent(accountId, user))
                .when(forThisAccount(template))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aDeletedAccountKeepsItsNameFreeWhenAChangeIsRefused() {
        fixture.given(created(null), new ServiceAccountDeletedEvent(accountId, user))
                .when(new ChangeServiceAccountPasswordCommand(accountId, new PasswordHash("hash-2")))
                .expectException(AggregateDeletedException.class);
        assertThat(credentials.findById(accountId)).isEmpty();
    }

    // --- helpers ---

    private Object forThisAccount(Object template) {
        if (template instanceof UpdateServiceAccountCommand update) {
            return new UpdateServiceAccountCommand(accountId, update.description(), update.active());
        }
        if (template instanceof ChangeServiceAccountPasswordCommand change) {
            return new ChangeServiceAccountPasswordCommand(accountId, change.newPasswordHash());
        }
        if (template instanceof DeleteServiceAccountCommand) {
            return new DeleteServiceAccountCommand(accountId);
        }
        return new RecordServiceAccountLoginCommand(accountId);
    }

    private String lastAdmin(String action) {
        return "Cannot " + action + " '" + user + "': it is the last active account bound globally to role 'admin'";
    }

    private ServiceAccountCreatedEvent created(String description) {
        return new ServiceAccountCreatedEvent(accountId, user, description);
    }

    private void registered() {
        credentials.register(accountId, user, new PasswordHash("hash-1"));
    }

    private StoredCredentials stored() {
        return credentials.findById(accountId).orElseThrow();
    }

    /** This test's account, registered and bound globally to {@code admin}. */
    private void registeredGlobalAdmin() {
        registered();
        bind(accountId, user, AdminGuard.ADMIN_ROLE, null);
    }

    private UUID otherAccount(boolean active) {
        UUID other = UUID.randomUUID();
        credentials.register(other, "other-" + other.toString().substring(0, 8), new PasswordHash("other-hash"));
        credentials.setActive(other, active);
        return other;
    }

    /** A role binding as the command side claims it when the binding is created. */
    private void bind(UUID principalId, String principal, String roleName, String space) {
        UUID roleId = names.owner(NameClaims.Kind.ROLE, roleName).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            names.claim(NameClaims.Kind.ROLE, roleName, id, "role taken");
            return id;
        });
        names.claim(NameClaims.Kind.ROLE_BINDING, NameClaims.roleBindingIdentity(roleId, principalId, space),
                UUID.randomUUID(), "binding of " + principal + " taken");
    }
}
