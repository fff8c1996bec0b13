package dev.raworc.command.access;

import static dev.raworc.command.DomainRefusals.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.DomainException;
import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.DeleteRoleBindingCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.command.account.AdminGuard;
import dev.raworc.command.account.AdminGuardDatabase;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

class RoleBindingTest {

    private final NameClaims names = new NameClaims(TestDatabase.jdbc());
    private AggregateTestFixture<RoleBinding> fixture;
    private UUID bindingId;
    private UUID roleId;
    private String roleName;
    private UUID principalId;
    private String principal;

    @BeforeEach
    void setUp() {
        fixture = fixture();
        bindingId = UUID.randomUUID();
        roleId = UUID.randomUUID();
        roleName = "role-" + roleId.toString().substring(0, 8);
        principalId = UUID.randomUUID();
        principal = "user-" + principalId.toString().substring(0, 8);
    }

    @Test
    void createOfAGlobalBindingRecordsItAndClaimsItsIdentity() {
        fixture.givenNoPriorActivity()
                .when(create(bindingId, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(bindingId, null));

        assertThat(names.owner(NameClaims.Kind.ROLE_BINDING, roleId + "/" + principalId + "/*")).contains(bindingId);
        assertThat(grantRows(bindingId)).isEqualTo(1);
    }

    @Test
    void createOfABindingInASpaceRecordsTheSpace() {
        fixture.givenNoPriorActivity()
                .when(create(bindingId, "a"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(bindingId, "a"));

        assertThat(names.owner(NameClaims.Kind.ROLE_BINDING, roleId + "/" + principalId + "/a")).contains(bindingId);
    }

    @Test
    void anIdenticalGlobalBindingIsAConflict() {
        UUID first = UUID.randomUUID();
        fixture().givenNoPriorActivity().when(create(first, null)).expectSuccessfulHandlerExecution();

        fixture.givenNoPriorActivity()
                .when(create(bindingId, null))
                .expectException(conflict("Role '" + roleName + "' is already bound to '" + principal + "' globally"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.ROLE_BINDING, roleId + "/" + principalId + "/*")).contains(first);
        assertThat(names.name(NameClaims.Kind.ROLE_BINDING, bindingId)).isEmpty();
        assertThat(grantRows(bindingId)).isZero();
    }

    @Test
    void anIdenticalBindingInASpaceIsAConflict() {
        fixture().givenNoPriorActivity().when(create(UUID.randomUUID(), "a")).expectSuccessfulHandlerExecution();

        fixture.givenNoPriorActivity()
                .when(create(bindingId, "a"))
                .expectException(conflict("Role '" + roleName + "' is already bound to '" + principal
                        + "' in space 'a'"))
                .expectNoEvents();
    }

    @Test
    void theSameRoleAndPrincipalInAnotherSpaceOrGloballyIsNotIdentical() {
        fixture().givenNoPriorActivity().when(create(UUID.randomUUID(), "a")).expectSuccessfulHandlerExecution();

        fixture().givenNoPriorActivity()
                .when(create(bindingId, "b"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(bindingId, "b"));
        UUID global = UUID.randomUUID();
        fixture().givenNoPriorActivity()
                .when(create(global, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(global, null));
    }

    @Test
    void aBindingOfAnotherPrincipalOrRoleIsNotIdentical() {
        fixture().givenNoPriorActivity().when(create(UUID.randomUUID(), null)).expectSuccessfulHandlerExecution();

        UUID otherPrincipal = UUID.randomUUID();
        fixture().givenNoPriorActivity()
                .when(new CreateRoleBindingCommand(bindingId, roleId, roleName, otherPrincipal, "other",
                        PrincipalType.ServiceAccount, null))
                .expectSuccessfulHandlerExecution();
        // a role re-created under the same name has a new id: its bindings are new too
        UUID successorRole = UUID.randomUUID();
        UUID successorBinding = UUID.randomUUID();
        fixture().givenNoPriorActivity()
                .when(new CreateRoleBindingCommand(successorBinding, successorRole, roleName, principalId, principal,
                        PrincipalType.ServiceAccount, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleBindingCreatedEvent(successorBinding, successorRole, roleName, principalId,
                        principal, PrincipalType.ServiceAccount, null));
    }

    @Test
    void deleteRecordsTheDeletionAndAllowsTheSameBindingAgain() {
        fixture().givenNoPriorActivity().when(create(bindingId, "a")).expectSuccessfulHandlerExecution();

        fixture.given(created(bindingId, "a"))
                .when(new DeleteRoleBindingCommand(bindingId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleBindingDeletedEvent(bindingId))
                .expectMarkedDeleted();
        assertThat(names.name(NameClaims.Kind.ROLE_BINDING, bindingId)).isEmpty();
        assertThat(grantRows(bindingId)).isZero();

        UUID again = UUID.randomUUID();
        fixture().givenNoPriorActivity()
                .when(create(again, "a"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(again, "a"));
    }

    @Test
    void aDeletedBindingCannotBeDeletedAgain() {
        fixture.given(created(bindingId, null), new RoleBindingDeletedEvent(bindingId))
                .when(new DeleteRoleBindingCommand(bindingId))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void unbindingTheLastActiveAdminGloballyIsAConflict() {
        JdbcClient adminDb = AdminGuardDatabase.jdbc();
        AdminGuardDatabase.removeAllBindings();
        NameClaims adminNames = new NameClaims(adminDb);
        UUID adminRole = adminNames.owner(NameClaims.Kind.ROLE, AdminGuard.ADMIN_ROLE).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            adminNames.claim(NameClaims.Kind.ROLE, AdminGuard.ADMIN_ROLE, id, "taken");
            return id;
        });
        UUID admin = UUID.randomUUID();
        new AccountCredentials(adminDb).register(admin, "admin-" + admin, new PasswordHash("hash"));
        adminNames.claim(NameClaims.Kind.ROLE_BINDING, NameClaims.roleBindingIdentity(adminRole, admin, null), bindingId, "x");
        AggregateTestFixture<RoleBinding> guarded = new AggregateTestFixture<>(RoleBinding.class);
        guarded.registerInjectableResource(adminNames);
        guarded.registerInjectableResource(new AdminGuard(adminDb));
        guarded.registerInjectableResource(new AccessLookups(adminDb));

        guarded.given(new RoleBindingCreatedEvent(bindingId, adminRole, AdminGuard.ADMIN_ROLE, admin, "admin-" + admin,
                        PrincipalType.ServiceAccount, null))
                .when(new DeleteRoleBindingCommand(bindingId))
                .expectException(DomainException.class)
                .expectExceptionMessage("Cannot unbind role 'admin' from 'admin-" + admin
                        + "': it is the last active account bound globally to role 'admin'")
                .expectNoEvents();
        assertThat(adminNames.name(NameClaims.Kind.ROLE_BINDING, bindingId)).isPresent();
    }

    private static int grantRows(UUID binding) {
        return TestDatabase.jdbc().sql("SELECT count(*) FROM role_binding_grants WHERE binding_id = :id")
                .param("id", binding).query(Integer.class).single();
    }

    private AggregateTestFixture<RoleBinding> fixture() {
        AggregateTestFixture<RoleBinding> fresh = new AggregateTestFixture<>(RoleBinding.class);
        fresh.registerInjectableResource(names);
        fresh.registerInjectableResource(new AccessLookups(TestDatabase.jdbc()));
        fresh.registerInjectableResource(new AdminGuard(TestDatabase.jdbc()));
        return fresh;
    }

    private CreateRoleBindingCommand create(UUID id, String space) {
        return new CreateRoleBindingCommand(id, roleId, roleName, principalId, principal, PrincipalType.ServiceAccount,
                space);
    }

    private RoleBindingCreatedEvent created(UUID id, String space) {
        return new RoleBindingCreatedEvent(id, roleId, roleName, principalId, principal, PrincipalType.ServiceAccount,
                space);
    }
}
