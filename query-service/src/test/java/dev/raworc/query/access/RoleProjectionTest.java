package dev.raworc.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.access.FindRoleQuery;
import dev.raworc.api.access.RoleCreatedEvent;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.access.RoleRulesReplacedEvent;
import dev.raworc.api.access.RoleView;
import dev.raworc.api.access.Rule;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

class RoleProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
    private static final List<Rule> RULES = List.of(
            new Rule(List.of("api"), List.of("sessions", "messages"), List.of("get", "list"), null),
            new Rule(List.of("api"), List.of("spaces"), List.of("get"), List.of("a", "b")));

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final RoleProjection projection = new RoleProjection(jdbc);
    private final RoleViews views = new RoleViews(jdbc);
    private final UUID id = UUID.randomUUID();
    private final String name = "role-" + id;

    @Test
    void createdRoleKeepsItsRulesAndMillisecondTime() {
        projection.on(new RoleCreatedEvent(id, name, "reads", RULES, true), Instant.parse("2026-11-28T12:00:00.123999Z"));

        Map<String, Object> row = row();
        assertThat(row).containsEntry("name", name).containsEntry("description", "reads").containsEntry("built_in", true);
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo("2026-11-28T12:00:00.123Z");
        assertThat(views.handle(new FindRoleQuery(id))).contains(
                new RoleView(id, name, "reads", RULES, Instant.parse("2026-11-28T12:00:00.123Z")));
    }

    @Test
    void aBuiltInRoleTakesTheRulesOfANewerVersion() {
        List<Rule> newer = List.of(new Rule(List.of("api"), List.of("sessions"), List.of("get", "read-files"), null));
        projection.on(new RoleCreatedEvent(id, name, "reads", RULES, true), CREATED);
        RoleRulesReplacedEvent replaced = new RoleRulesReplacedEvent(id, name, newer);
        projection.on(replaced);
        projection.on(replaced);

        assertThat(views.handle(new FindRoleQuery(id))).contains(new RoleView(id, name, "reads", newer, CREATED));
    }

    @Test
    void aRoleWithoutRulesOrDescription() {
        projection.on(new RoleCreatedEvent(id, name, null, List.of(), false), CREATED);

        assertThat(row()).containsEntry("built_in", false).containsEntry("description", null);
        assertThat(views.handle(new FindRoleQuery(id))).hasValueSatisfying(view -> {
            assertThat(view.rules()).isEmpty();
            assertThat(view.description()).isNull();
        });
    }

    @Test
    void rulesRoundTripWithWildcardsAndAbsentNames() {
        List<Rule> wildcard = List.of(new Rule(List.of("*"), List.of("*"), List.of("*"), null));
        projection.on(new RoleCreatedEvent(id, name, null, wildcard, true), CREATED);

        assertThat(views.handle(new FindRoleQuery(id))).map(RoleView::rules).contains(wildcard);
        assertThat(views.handle(new FindRoleQuery(id)).orElseThrow().rules().get(0).resourceNames()).isNull();
    }

    @Test
    void redeliveredCreationChangesNothing() {
        RoleCreatedEvent created = new RoleCreatedEvent(id, name, "first", RULES, false);
        projection.on(created, CREATED);

        projection.on(created, CREATED.plusSeconds(1));

        assertThat(count()).isEqualTo(1);
        assertThat(((Timestamp) row().get("created_at")).toInstant()).isEqualTo(CREATED);
    }

    @Test
    void deleteRemovesOnlyThatRoleAndIsSafeToRedeliver() {
        UUID other = UUID.randomUUID();
        projection.on(new RoleCreatedEvent(id, name, null, RULES, false), CREATED);
        projection.on(new RoleCreatedEvent(other, "role-" + other, null, RULES, false), CREATED);
        RoleDeletedEvent deleted = new RoleDeletedEvent(id, name);

        projection.on(deleted);
        projection.on(deleted);

        assertThat(count()).isZero();
        assertThat(views.handle(new FindRoleQuery(id))).isEmpty();
        assertThat(views.handle(new FindRoleQuery(other))).isPresent();
    }

    @Test
    void findByIdOrNameTakesEither() {
        projection.on(new RoleCreatedEvent(id, name, null, RULES, false), CREATED);

        assertThat(views.findByIdOrName(id.toString())).map(RoleView::name).contains(name);
        assertThat(views.findByIdOrName(name)).map(RoleView::id).contains(id);
        assertThat(views.findByIdOrName("nothing-" + id)).isEmpty();
        assertThat(views.findByIdOrName(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aNameFreedByADeleteFindsTheNewRole() {
        projection.on(new RoleCreatedEvent(id, name, "first", RULES, false), CREATED);
        projection.on(new RoleDeletedEvent(id, name));
        UUID successor = UUID.randomUUID();

        projection.on(new RoleCreatedEvent(successor, name, "second", List.of(), false), CREATED.plusSeconds(1));

        assertThat(views.findByIdOrName(name)).map(RoleView::id).contains(successor);
    }

    @Test
    void listPagesInCreationOrderWithTheTotalOfTheScope() {
        String[] names = new String[4];
        UUID[] ids = new UUID[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = UUID.randomUUID();
            names[i] = "list-" + ids[i];
        }
        for (int i : new int[] {2, 0, 3, 1}) {
            projection.on(new RoleCreatedEvent(ids[i], names[i], null, RULES, false), CREATED.plusMillis(i));
        }
        var scope = ListScopes.names(names);

        Page<RoleView> all = views.list(scope, new PageRequest(100, 0));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items()).extracting(RoleView::name).containsExactly(names);

        Page<RoleView> second = views.list(scope, new PageRequest(3, 3));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(RoleView::name).containsExactly(names[3]);

        Page<RoleView> pastTheEnd = views.list(scope, new PageRequest(3, 10));
        assertThat(pastTheEnd.total()).isEqualTo(4);
        assertThat(pastTheEnd.items()).isEmpty();

        Page<RoleView> limited = views.list(ListScopes.names(names[0], names[2]), new PageRequest(100, 0));
        assertThat(limited.total()).isEqualTo(2);
        assertThat(limited.items()).extracting(RoleView::name).containsExactly(names[0], names[2]);

        Page<RoleView> nothing = views.list(ListScopes.nothing(), new PageRequest(100, 0));
        assertThat(nothing.total()).isZero();
        assertThat(nothing.items()).isEmpty();
    }

    private Map<String, Object> row() {
        return jdbc.sql("SELECT * FROM roles WHERE id = :id").param("id", id).query().singleRow();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM roles WHERE id = :id").param("id", id).query(Long.class).single();
    }
}
