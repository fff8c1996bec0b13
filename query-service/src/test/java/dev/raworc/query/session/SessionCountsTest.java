package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The session list's totals come from counts the database keeps per space and state: they must
 * always equal counting the sessions themselves, for every filter and scope they answer.
 */
class SessionCountsTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final SessionReadModels projection = new SessionReadModels();
    private final SessionViews views = new SessionViews(jdbc);
    private final String spaceA = "a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String spaceB = "b-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void totalsFollowCreationStateChangesAndDeletion() {
        UUID idle = created(spaceA);
        projection.on(new SessionReadyEvent(idle, "container"), AT);
        UUID closed = created(spaceA);
        projection.on(new SessionClosedEvent(closed, SessionState.INIT), AT);
        UUID restored = created(spaceB);
        projection.on(new SessionClosedEvent(restored, SessionState.INIT), AT);
        projection.on(new SessionRestoredEvent(restored, SessionState.CLOSED), AT);
        UUID deleted = created(spaceB);
        projection.on(new SessionDeletedEvent(deleted, spaceB), AT);

        assertThat(total(null, spaceA, ListScopes.everything())).isEqualTo(2);
        assertThat(total(null, spaceB, ListScopes.everything())).isEqualTo(1);
        assertThat(total("idle", spaceA, ListScopes.everything())).isEqualTo(1);
        assertThat(total("closed", spaceA, ListScopes.everything())).isEqualTo(1);
        assertThat(total("init", spaceB, ListScopes.everything())).isEqualTo(1);
        assertThat(total(null, null, ListScopes.space(spaceA))).isEqualTo(2);
        assertThat(total("closed", null, ListScopes.space(spaceB))).isZero();
        assertThat(total(null, null, ListScopes.nothing())).isZero();
        assertCountsMatchTheRows();
    }

    @Test
    void aScopeOfSomeSessionsIsCountedRowByRow() {
        UUID visible = created(spaceA);
        created(spaceA);

        assertThat(total(null, null, ListScopes.names(visible.toString()))).isEqualTo(1);
    }

    @Test
    void redeliveredEventsCountOnce() {
        UUID id = UUID.randomUUID();
        SessionCreatedEvent creation = new SessionCreatedEvent(id, null, spaceA, "image", Map.of());
        projection.on(creation, AT, "admin");
        projection.on(creation, AT, "admin");
        projection.on(new SessionReadyEvent(id, "container"), AT);
        projection.on(new SessionReadyEvent(id, "container"), AT);

        assertThat(total(null, spaceA, ListScopes.everything())).isEqualTo(1);
        assertThat(total("idle", spaceA, ListScopes.everything())).isEqualTo(1);
        assertCountsMatchTheRows();
    }

    private UUID created(String space) {
        UUID id = UUID.randomUUID();
        projection.on(new SessionCreatedEvent(id, null, space, "image", Map.of()), AT, "admin");
        return id;
    }

    private long total(String state, String space, ListScope scope) {
        return views.list(new SessionViews.Filter(state, space, null, null, null), scope, new PageRequest(1, 0)).total();
    }

    private void assertCountsMatchTheRows() {
        List<String> counted = jdbc.sql("SELECT space || '/' || state || '=' || sessions FROM session_counts "
                + "WHERE sessions <> 0 AND space IN (:spaces) ORDER BY 1").param("spaces", List.of(spaceA, spaceB))
                .query(String.class).list();
        List<String> rows = jdbc.sql("SELECT space || '/' || state || '=' || count(*) FROM sessions "
                + "WHERE deleted_at IS NULL AND space IN (:spaces) GROUP BY space, state ORDER BY 1")
                .param("spaces", List.of(spaceA, spaceB)).query(String.class).list();
        assertThat(counted).isEqualTo(rows);
    }
}
