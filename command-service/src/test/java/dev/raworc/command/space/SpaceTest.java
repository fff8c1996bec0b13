package dev.raworc.command.space;

import static dev.raworc.command.DomainRefusals.conflict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.raworc.api.Names;
import dev.raworc.api.space.CreateSpaceCommand;
import dev.raworc.api.space.DeleteSpaceCommand;
import dev.raworc.api.space.SpaceActivatedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.space.SpaceDeactivatedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.api.space.SpaceDescriptionChangedEvent;
import dev.raworc.api.space.SpaceSettingsChangedEvent;
import dev.raworc.api.space.SpaceView;
import dev.raworc.api.space.UpdateSpaceCommand;
import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

class SpaceTest {

    private static final Map<String, Object> SETTINGS = Map.of("image", "ubuntu", "limits", Map.of("cpu", 2));

    private final NameClaims names = new NameClaims(TestDatabase.jdbc());
    /** The spaces the guards were asked about, in order. */
    private final List<String> asked = new ArrayList<>();
    private AggregateTestFixture<Space> fixture;
    private UUID spaceId;
    private String name;

    @BeforeEach
    void setUp() {
        fixture = fixture(checks());
        spaceId = UUID.randomUUID();
        name = "space-" + spaceId.toString().substring(0, 8);
    }

    // --- create ---

    @Test
    void createRecordsTheSpaceAndClaimsItsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateSpaceCommand(spaceId, name, "team a", SETTINGS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceCreatedEvent(spaceId, name, "team a", SETTINGS));

        assertThat(names.owner(NameClaims.Kind.SPACE, name)).contains(spaceId);
    }

    @Test
    void createWithoutSettingsRecordsEmptySettings() {
        fixture.givenNoPriorActivity()
                .when(new CreateSpaceCommand(spaceId, name, null, null))
                .expectEvents(new SpaceCreatedEvent(spaceId, name, null, Map.of()));
    }

    @Test
    void createWithATakenNameIsAConflictAndRecordsNothing() {
        UUID owner = UUID.randomUUID();
        names.claim(NameClaims.Kind.SPACE, name, owner, "taken");

        fixture.givenNoPriorActivity()
                .when(new CreateSpaceCommand(spaceId, name, null, null))
                .expectException(conflict("Space '" + name + "' already exists"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SPACE, name)).contains(owner);
        assertThat(names.name(NameClaims.Kind.SPACE, spaceId)).isEmpty();
    }

    // --- update ---

    @Test
    void updateGivingNothingRecordsNothing() {
        fixture.given(created("team a", SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateToTheCurrentValuesRecordsNothing() {
        fixture.given(created("team a", SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, "team a", Map.of("limits", Map.of("cpu", 2), "image", "ubuntu"), true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateWithOnlyADescriptionChangesOnlyTheDescription() {
        fixture.given(created("team a", SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, "team b", null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceDescriptionChangedEvent(spaceId, "team b"));
    }

    @Test
    void updateSettingADescriptionWhereThereWasNoneIsAChange() {
        fixture.given(created(null, Map.of()))
                .when(new UpdateSpaceCommand(spaceId, "first", null, null))
                .expectEvents(new SpaceDescriptionChangedEvent(spaceId, "first"));
    }

    @Test
    void updateWithOnlySettingsChangesOnlyTheSettings() {
        Map<String, Object> changed = Map.of("image", "debian");

        fixture.given(created("team a", SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, null, changed, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceSettingsChangedEvent(spaceId, changed));
    }

    @Test
    void emptySettingsOfASpaceCreatedWithoutAreNoChange() {
        fixture.givenNoPriorActivity()
                .andGivenCommands(new CreateSpaceCommand(spaceId, name, null, null))
                .when(new UpdateSpaceCommand(spaceId, null, Map.of(), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void clearingTheSettingsIsAChange() {
        fixture.given(created(null, SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, null, Map.of(), null))
                .expectEvents(new SpaceSettingsChangedEvent(spaceId, Map.of()));
    }

    @Test
    void deactivateAndActivate() {
        fixture.given(created(null, Map.of()))
                .when(new UpdateSpaceCommand(spaceId, null, null, false))
                .expectEvents(new SpaceDeactivatedEvent(spaceId));
        fixture(checks()).given(created(null, Map.of()), new SpaceDeactivatedEvent(spaceId))
                .when(new UpdateSpaceCommand(spaceId, null, null, true))
                .expectEvents(new SpaceActivatedEvent(spaceId));
    }

    @Test
    void deactivatingAnInactiveSpaceRecordsNothing() {
        fixture.given(created(null, Map.of()), new SpaceDeactivatedEvent(spaceId))
                .when(new UpdateSpaceCommand(spaceId, null, null, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void activatingAnActiveSpaceRecordsNothing() {
        fixture.given(created(null, Map.of()))
                .when(new UpdateSpaceCommand(spaceId, null, null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updateOfEverythingRecordsEachChangeInOrder() {
        Map<String, Object> changed = Map.of("image", "debian");

        fixture.given(created("team a", SETTINGS))
                .when(new UpdateSpaceCommand(spaceId, "team b", changed, false))
                .expectEvents(new SpaceDescriptionChangedEvent(spaceId, "team b"),
                        new SpaceSettingsChangedEvent(spaceId, changed),
                        new SpaceDeactivatedEvent(spaceId));
    }

    @Test
    void updateComparesWithTheLatestState() {
        fixture.given(created("team a", SETTINGS), new SpaceDescriptionChangedEvent(spaceId, "team b"),
                        new SpaceSettingsChangedEvent(spaceId, Map.of("image", "debian")))
                .when(new UpdateSpaceCommand(spaceId, "team b", Map.of("image", "debian"), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- delete ---

    @Test
    void deleteRecordsTheDeletionAndFreesTheName() {
        names.claim(NameClaims.Kind.SPACE, name, spaceId, "taken");

        fixture.given(created(null, Map.of()))
                .when(new DeleteSpaceCommand(spaceId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceDeletedEvent(spaceId, name))
                .expectMarkedDeleted();
        assertThat(names.owner(NameClaims.Kind.SPACE, name)).isEmpty();

        UUID successor = UUID.randomUUID();
        fixture(checks()).givenNoPriorActivity()
                .when(new CreateSpaceCommand(successor, name, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceCreatedEvent(successor, name, null, Map.of()));
        assertThat(names.owner(NameClaims.Kind.SPACE, name)).contains(successor);
    }

    @Test
    void deleteAsksEveryGuardAboutTheSpace() {
        fixture = fixture(checks(space -> null, space -> null));

        fixture.given(created(null, Map.of()))
                .when(new DeleteSpaceCommand(spaceId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SpaceDeletedEvent(spaceId, name));
        assertThat(asked).containsExactly(name, name);
    }

    @Test
    void aGuardWithAReasonKeepsTheSpace() {
        names.claim(NameClaims.Kind.SPACE, name, spaceId, "taken");
        fixture = fixture(checks(space -> null, space -> "it holds 2 sessions"));

        fixture.given(created(null, Map.of()))
                .when(new DeleteSpaceCommand(spaceId))
                .expectException(conflict("Space '" + name + "' cannot be deleted: it holds 2 sessions"))
                .expectNoEvents();
        assertThat(names.owner(NameClaims.Kind.SPACE, name)).contains(spaceId);
        assertThat(asked).containsExactly(name, name);
    }

    @Test
    void theFirstObjectionIsTheOneReported() {
        fixture = fixture(checks(space -> "it holds sessions", space -> "it holds secrets"));

        fixture.given(created(null, Map.of()))
                .when(new DeleteSpaceCommand(spaceId))
                .expectException(conflict("Space '" + name + "' cannot be deleted: it holds sessions"))
                .expectNoEvents();
    }

    @Test
    void theDefaultSpaceCannotBeDeleted() {
        UUID defaultId = UUID.randomUUID();
        fixture = fixture(checks(space -> null));

        fixture.given(new SpaceCreatedEvent(defaultId, Names.DEFAULT_SPACE, null, Map.of()))
                .when(new DeleteSpaceCommand(defaultId))
                .expectException(conflict("Space 'default' always exists and cannot be deleted"))
                .expectNoEvents();
        assertThat(asked).isEmpty();
    }

    @Test
    void theDefaultSpaceCanBeDeactivatedLikeAnyOther() {
        UUID defaultId = UUID.randomUUID();

        fixture.given(new SpaceCreatedEvent(defaultId, Names.DEFAULT_SPACE, null, Map.of()))
                .when(new UpdateSpaceCommand(defaultId, "changed", null, false))
                .expectEvents(new SpaceDescriptionChangedEvent(defaultId, "changed"), new SpaceDeactivatedEvent(defaultId));
    }

    // --- the view a write answers ---

    @Test
    void theViewShowsTheChangedStateWithSettingsKeysSorted() {
        fixture.given(created("team a", Map.of("z", 1, "a", Map.of("y", 2, "b", 3))))
                .when(new UpdateSpaceCommand(spaceId, "team b", null, false))
                .expectState(space -> {
                    SpaceView view = space.view();
                    assertThat(view.name()).isEqualTo(name);
                    assertThat(view.description()).isEqualTo("team b");
                    assertThat(view.active()).isFalse();
                    assertThat(view.settings().toString()).isEqualTo("{a={b=3, y=2}, z=1}");
                    assertThat(view.updatedAt()).isAfterOrEqualTo(view.createdAt());
                    assertThat(view.updatedAt().getNano() % 1_000_000).isZero();
                });
    }

    // --- a deleted space ---

    static Stream<Object> commandsOnASpace() {
        return Stream.of(new UpdateSpaceCommand(null, "new", null, null), new UpdateSpaceCommand(null, null, null, false),
                new DeleteSpaceCommand(null));
    }

    @ParameterizedTest
    @MethodSource("commandsOnASpace")
    void aDeletedSpaceTakesNoMoreCommands(Object template) {
        Object command = template instanceof UpdateSpaceCommand update
                ? new UpdateSpaceCommand(spaceId, update.description(), update.settings(), update.active())
                : new DeleteSpaceCommand(spaceId);

        fixture.given(created(null, Map.of()), new SpaceDeletedEvent(spaceId, name))
                .when(command)
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    // --- helpers ---

    private SpaceCreatedEvent created(String description, Map<String, Object> settings) {
        return new SpaceCreatedEvent(spaceId, name, description, settings);
    }

    private AggregateTestFixture<Space> fixture(SpaceDeletionChecks checks) {
        AggregateTestFixture<Space> fresh = new AggregateTestFixture<>(Space.class);
        fresh.registerInjectableResource(names);
        fresh.registerInjectableResource(checks);
        fresh.registerInjectableResource(TestVault.vault());
        return fresh;
    }

    /** Deletion checks with these guards, in order, each recording the space it was asked about. */
    private SpaceDeletionChecks checks(SpaceDeletionChecks.Guard... guards) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < guards.length; i++) {
            SpaceDeletionChecks.Guard guard = guards[i];
            beans.addBean("guard" + i, (SpaceDeletionChecks.Guard) space -> {
                asked.add(space);
                return guard.reasonToKeep(space);
            });
        }
        return new SpaceDeletionChecks(beans.getBeanProvider(SpaceDeletionChecks.Guard.class));
    }
}
