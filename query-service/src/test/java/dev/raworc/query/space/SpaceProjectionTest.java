package dev.raworc.query.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.space.FindSpaceQuery;
import dev.raworc.api.space.SpaceActivatedEvent;
import dev.raworc.api.space.SpaceCreatedEvent;
import dev.raworc.api.space.SpaceDeactivatedEvent;
import dev.raworc.api.space.SpaceDeletedEvent;
import dev.raworc.api.space.SpaceDescriptionChangedEvent;
import dev.raworc.api.space.SpaceSettingsChangedEvent;
import dev.raworc.api.space.SpaceView;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

class SpaceProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
    private static final Map<String, Object> SETTINGS = Map.of("image", "ubuntu", "limits", Map.of("cpu", 2),
            "tags", List.of("x", "y"), "gpu", false);
    private static final PageRequest FIRST_100 = new PageRequest(100, 0);

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final SpaceProjection projection = new SpaceProjection(jdbc);
    private final SpaceViews views = new SpaceViews(jdbc);
    private final UUID id = UUID.randomUUID();
    private final String name = "space-" + id;

    // --- projection ---

    @Test
    void createdSpaceIsActiveWithItsCreatorAndMillisecondTimes() {
        projection.on(new SpaceCreatedEvent(id, name, "team a", SETTINGS), Instant.parse("2026-11-28T12:00:00.123456Z"),
                "alice");

        Map<String, Object> row = row();
        assertThat(row).containsEntry("name", name).containsEntry("description", "team a")
                .containsEntry("active", true).containsEntry("created_by", "alice");
        assertThat(time("created_at")).isEqualTo("2026-11-28T12:00:00.123Z");
        assertThat(row.get("updated_at")).isEqualTo(row.get("created_at"));
        assertThat(view()).isEqualTo(new SpaceView(name, "team a", SETTINGS, true, "alice",
                Instant.parse("2026-11-28T12:00:00.123Z"), Instant.parse("2026-11-28T12:00:00.123Z")));
    }

    @Test
    void aSpaceSeededByTheServerWithoutSettings() {
        projection.on(new SpaceCreatedEvent(id, name, null, Map.of()), CREATED, "system");

        assertThat(view()).satisfies(view -> {
            assertThat(view.settings()).isEmpty();
            assertThat(view.description()).isNull();
            assertThat(view.createdBy()).isEqualTo("system");
        });
    }

    @Test
    void redeliveredCreationChangesNothing() {
        SpaceCreatedEvent created = new SpaceCreatedEvent(id, name, "first", SETTINGS);
        projection.on(created, CREATED, "alice");

        projection.on(created, CREATED.plusSeconds(1), "bob");

        assertThat(count()).isEqualTo(1);
        assertThat(view()).isEqualTo(new SpaceView(name, "first", SETTINGS, true, "alice", CREATED, CREATED));
    }

    @Test
    void descriptionChangeMovesUpdatedAtToTheMillisecond() {
        projection.on(new SpaceCreatedEvent(id, name, "first", SETTINGS), CREATED, "alice");

        projection.on(new SpaceDescriptionChangedEvent(id, "second"), Instant.parse("2026-11-28T12:30:00.987654Z"));

        assertThat(view()).isEqualTo(new SpaceView(name, "second", SETTINGS, true, "alice", CREATED,
                Instant.parse("2026-11-28T12:30:00.987Z")));
    }

    @Test
    void settingsChangeReplacesTheSettings() {
        projection.on(new SpaceCreatedEvent(id, name, "first", SETTINGS), CREATED, "alice");
        Map<String, Object> changed = Map.of("image", "debian");

        projection.on(new SpaceSettingsChangedEvent(id, changed), Instant.parse("2026-11-28T12:31:00.5Z"));

        assertThat(view()).isEqualTo(new SpaceView(name, "first", changed, true, "alice", CREATED,
                Instant.parse("2026-11-28T12:31:00.500Z")));
    }

    @Test
    void deactivationAndActivation() {
        projection.on(new SpaceCreatedEvent(id, name, null, Map.of()), CREATED, "alice");

        projection.on(new SpaceDeactivatedEvent(id), Instant.parse("2026-11-28T12:10:00.001Z"));
        assertThat(view().active()).isFalse();
        assertThat(view().updatedAt()).isEqualTo("2026-11-28T12:10:00.001Z");

        projection.on(new SpaceActivatedEvent(id), Instant.parse("2026-11-28T12:20:00.002Z"));
        assertThat(view().active()).isTrue();
        assertThat(view().updatedAt()).isEqualTo("2026-11-28T12:20:00.002Z");
        assertThat(view().createdAt()).isEqualTo(CREATED);
    }

    @Test
    void redeliveredChangesChangeNothing() {
        projection.on(new SpaceCreatedEvent(id, name, "first", SETTINGS), CREATED, "alice");
        Instant at = Instant.parse("2026-11-28T12:30:00Z");
        SpaceDescriptionChangedEvent description = new SpaceDescriptionChangedEvent(id, "second");
        SpaceSettingsChangedEvent settings = new SpaceSettingsChangedEvent(id, Map.of("image", "debian"));
        projection.on(description, at);
        projection.on(settings, at);
        projection.on(new SpaceDeactivatedEvent(id), at);
        SpaceView before = view();

        projection.on(description, at);
        projection.on(settings, at);
        projection.on(new SpaceDeactivatedEvent(id), at);

        assertThat(view()).isEqualTo(before);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void deleteRemovesOnlyThatSpaceAndIsSafeToRedeliver() {
        UUID other = UUID.randomUUID();
        projection.on(new SpaceCreatedEvent(id, name, null, Map.of()), CREATED, "alice");
        projection.on(new SpaceCreatedEvent(other, "space-" + other, null, Map.of()), CREATED, "alice");
        SpaceDeletedEvent deleted = new SpaceDeletedEvent(id, name);

        projection.on(deleted);
        projection.on(deleted);

        assertThat(count()).isZero();
        assertThat(views.handle(new FindSpaceQuery(name))).isEmpty();
        assertThat(views.handle(new FindSpaceQuery("space-" + other))).isPresent();
    }

    @Test
    void changesToASpaceNotInTheReadModelCreateNothing() {
        projection.on(new SpaceDescriptionChangedEvent(id, "ghost"), CREATED);
        projection.on(new SpaceSettingsChangedEvent(id, SETTINGS), CREATED);
        projection.on(new SpaceDeactivatedEvent(id), CREATED);

        assertThat(count()).isZero();
    }

    @Test
    void aNameFreedByADeleteFindsTheNewSpace() {
        projection.on(new SpaceCreatedEvent(id, name, "first", Map.of()), CREATED, "alice");
        projection.on(new SpaceDeletedEvent(id, name));

        projection.on(new SpaceCreatedEvent(UUID.randomUUID(), name, "second", Map.of()), CREATED.plusSeconds(1), "bob");

        assertThat(views.handle(new FindSpaceQuery(name))).hasValueSatisfying(view -> {
            assertThat(view.description()).isEqualTo("second");
            assertThat(view.createdBy()).isEqualTo("bob");
        });
    }

    // --- views ---

    @Test
    void findAnswersByNameOnly() {
        projection.on(new SpaceCreatedEvent(id, name, null, Map.of()), CREATED, "alice");

        assertThat(views.handle(new FindSpaceQuery(name))).isPresent();
        assertThat(views.handle(new FindSpaceQuery(id.toString()))).isEmpty();
        assertThat(views.handle(new FindSpaceQuery("nothing-" + id))).isEmpty();
    }

    @Test
    void listPagesInCreationOrderAndFiltersByActivity() {
        String[] names = new String[5];
        UUID[] ids = new UUID[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = UUID.randomUUID();
            names[i] = "list-" + ids[i];
        }
        for (int i : new int[] {1, 4, 0, 2, 3}) {
            projection.on(new SpaceCreatedEvent(ids[i], names[i], null, Map.of()), CREATED.plusMillis(i), "alice");
        }
        projection.on(new SpaceDeactivatedEvent(ids[1]), CREATED.plusSeconds(1));
        projection.on(new SpaceDeactivatedEvent(ids[3]), CREATED.plusSeconds(1));
        var scope = ListScopes.names(names);

        Page<SpaceView> all = views.list(null, scope, FIRST_100);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.items()).extracting(SpaceView::name).containsExactly(names);

        Page<SpaceView> active = views.list(true, scope, FIRST_100);
        assertThat(active.total()).isEqualTo(3);
        assertThat(active.items()).extracting(SpaceView::name).containsExactly(names[0], names[2], names[4]);

        Page<SpaceView> inactive = views.list(false, scope, FIRST_100);
        assertThat(inactive.total()).isEqualTo(2);
        assertThat(inactive.items()).extracting(SpaceView::name).containsExactly(names[1], names[3]);

        Page<SpaceView> secondActive = views.list(true, scope, new PageRequest(1, 1));
        assertThat(secondActive.total()).isEqualTo(3);
        assertThat(secondActive.items()).extracting(SpaceView::name).containsExactly(names[2]);

        Page<SpaceView> pastTheEnd = views.list(true, scope, new PageRequest(10, 3));
        assertThat(pastTheEnd.total()).isEqualTo(3);
        assertThat(pastTheEnd.items()).isEmpty();
    }

    @Test
    void listShowsOnlyTheSpacesOfTheScope() {
        UUID other = UUID.randomUUID();
        String otherName = "space-" + other;
        projection.on(new SpaceCreatedEvent(id, name, null, Map.of()), CREATED, "alice");
        projection.on(new SpaceCreatedEvent(other, otherName, null, Map.of()), CREATED, "alice");

        Page<SpaceView> inOneSpace = views.list(null, ListScopes.space(name), FIRST_100);
        assertThat(inOneSpace.total()).isEqualTo(1);
        assertThat(inOneSpace.items()).extracting(SpaceView::name).containsExactly(name);

        Page<SpaceView> inactiveInThatSpace = views.list(false, ListScopes.space(name), FIRST_100);
        assertThat(inactiveInThatSpace.total()).isZero();

        Page<SpaceView> nothing = views.list(null, ListScopes.nothing(), FIRST_100);
        assertThat(nothing.total()).isZero();
        assertThat(nothing.items()).isEmpty();
    }

    // --- helpers ---

    private SpaceView view() {
        return views.handle(new FindSpaceQuery(name)).orElseThrow();
    }

    private Map<String, Object> row() {
        return jdbc.sql("SELECT * FROM spaces WHERE id = :id").param("id", id).query().singleRow();
    }

    private Instant time(String column) {
        return ((Timestamp) row().get(column)).toInstant();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM spaces WHERE id = :id").param("id", id).query(Long.class).single();
    }
}
