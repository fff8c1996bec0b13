package dev.raworc.command.access;

import static dev.raworc.command.DomainRefusals.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.access.CreateRoleCommand;
import dev.raworc.api.access.DeleteRoleCommand;
import dev.raworc.api.access.RoleCreatedEvent;
import dev.raworc.api.access.ReplaceBuiltInRoleRulesCommand;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.access.RoleRulesReplacedEvent;
import dev.raworc.api.access.Rule;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

class RoleTest {

    private static final List<Rule> RULES = List.of(
            new Rule(List.of("api"), List.of("sessions"), List.of("get", "list"), null),
            new Rule(List.of("api"), List.of("spaces"), List.of("get"), List.of("a", "b")));

    private final NameClaims names = new NameClaims(TestDatabase.jdbc());
    private final AccessLookups lookups = new AccessLookups(TestDatabase.jdbc());
    private AggregateTestFixture<Role> fixture;
    private UUID roleId;
    private String name;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Role.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(lookups);
        roleId = UUID.randomUUID();
        name = "role-" + roleId.toString().substring(0, 8);
    }

    @Test
    void createRecordsTheRoleAndClaimsItsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(roleId, name, "reads sessions", RULES, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleCreatedEvent(roleId, name, "reads sessions", RULES, false));

        assertThat(names.owner(NameClaims.Kind.ROLE, name)).contains(roleId);
        assertThat(names.name(NameClaims.Kind.ROLE, roleId)).contains(name);
        assertThat(ruleRows()).isEqualTo(1);
    }

    @Test
    void createOfABuiltInRoleSaysSo() {
        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(roleId, name, null, RULES, true))
                .expectEvents(new RoleCreatedEvent(roleId, name, null, RULES, true));
    }

    @Test
    void createWithATakenNameIsAConflictAndRecordsNothing() {
        UUID owner = UUID.randomUUID();
        names.claim(NameClaims.Kind.ROLE, name, owner, "taken");

        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(roleId, name, null, RULES, false))
                .expectException(conflict("Role '" + name + "' already exists"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.ROLE, name)).contains(owner);
        assertThat(names.name(NameClaims.Kind.ROLE, roleId)).isEmpty();
    }

    @Test
    void aNameTakenByAnotherKindIsStillFreeForARole() {
        names.claim(NameClaims.Kind.SPACE, name, UUID.randomUUID(), "taken");

        fixture.givenNoPriorActivity()
                .when(new CreateRoleCommand(roleId, name, null, RULES, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleCreatedEvent(roleId, name, null, RULES, false));
    }

    @Test
    void deleteRecordsTheDeletionAndFreesTheName() {
        names.claim(NameClaims.Kind.ROLE, name, roleId, "taken");

        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, false))
                .when(new DeleteRoleCommand(roleId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleDeletedEvent(roleId, name))
                .expectMarkedDeleted();
        assertThat(names.owner(NameClaims.Kind.ROLE, name)).isEmpty();
        assertThat(ruleRows()).isZero();

        UUID successor = UUID.randomUUID();
        new AggregateTestFixture<>(Role.class)
                .registerInjectableResource(names)
                .registerInjectableResource(lookups)
                .givenNoPriorActivity()
                .when(new CreateRoleCommand(successor, name, null, List.of(), false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleCreatedEvent(successor, name, null, List.of(), false));
        assertThat(names.owner(NameClaims.Kind.ROLE, name)).contains(successor);
    }

    @Test
    void aBuiltInRoleCannotBeDeletedAndKeepsItsName() {
        names.claim(NameClaims.Kind.ROLE, name, roleId, "taken");

        fixture.given(new RoleCreatedEvent(roleId, name, "Everything", RULES, true))
                .when(new DeleteRoleCommand(roleId))
                .expectException(conflict("Built-in role '" + name + "' cannot be deleted"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.ROLE, name)).contains(roleId);
    }

    @Test
    void aDeletedRoleCannotBeDeletedAgain() {
        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, false), new RoleDeletedEvent(roleId, name))
                .when(new DeleteRoleCommand(roleId))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void aRepeatedDeleteLeavesTheNameOfASuccessorAlone() {
        UUID successor = UUID.randomUUID();
        names.claim(NameClaims.Kind.ROLE, name, successor, "taken");

        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, false), new RoleDeletedEvent(roleId, name))
                .when(new DeleteRoleCommand(roleId))
                .expectException(AggregateDeletedException.class);
        assertThat(names.owner(NameClaims.Kind.ROLE, name)).contains(successor);
    }

    private int ruleRows() {
        return TestDatabase.jdbc().sql("SELECT count(*) FROM role_rules WHERE role_id = :id").param("id", roleId)
                .query(Integer.class).single();
    }

    // --- rules of built-in roles, replaced by a newer version ---

    private static final List<Rule> NEWER = List.of(
            new Rule(List.of("api"), List.of("sessions"), List.of("get", "list", "read-files"), null));

    @Test
    void aBuiltInRoleTakesTheRulesOfANewerVersionAndItsLookupRowFollows() {
        lookups.addRole(roleId, name, RULES);
        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, true))
                .when(new ReplaceBuiltInRoleRulesCommand(roleId, NEWER))
                .expectResultMessagePayload(true)
                .expectEvents(new RoleRulesReplacedEvent(roleId, name, NEWER))
                .expectState(role -> assertThat(role.view().rules()).isEqualTo(NEWER));

        assertThat(TestDatabase.jdbc().sql("SELECT rules::text FROM role_rules WHERE role_id = :id").param("id", roleId)
                .query(String.class).single()).contains("read-files");
    }

    @Test
    void theSameRulesChangeNothing() {
        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, true), new RoleRulesReplacedEvent(roleId, name, NEWER))
                .when(new ReplaceBuiltInRoleRulesCommand(roleId, NEWER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void theRulesOfARoleSomeoneCreatedAreNotTheServersToReplace() {
        fixture.given(new RoleCreatedEvent(roleId, name, null, RULES, false))
                .when(new ReplaceBuiltInRoleRulesCommand(roleId, NEWER))
                .expectException(conflict("Role '" + name + "' is not built in; its rules are its creator's"))
                .expectNoEvents();
    }
}
