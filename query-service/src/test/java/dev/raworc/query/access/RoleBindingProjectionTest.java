package dev.raworc.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.access.FindRoleBindingQuery;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.api.access.RoleBindingDeletedEvent;
import dev.raworc.api.access.RoleBindingView;
import dev.raworc.api.access.RoleDeletedEvent;
import dev.raworc.api.account.ServiceAccountDeletedEvent;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

class RoleBindingProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00Z");
    private static final PageRequest FIRST_100 = new PageRequest(100, 0);

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final RoleBindingProjection projection = new RoleBindingProjection(jdbc);
    private final RoleBindingViews views = new RoleBindingViews(jdbc);

    private UUID roleId;
    private String roleName;
    private UUID principalId;
    private String principal;

    @BeforeEach
    void setUp() {
        roleId = UUID.randomUUID();
        roleName = "role-" + roleId;
        principalId = UUID.randomUUID();
        principal = "user-" + principalId;
    }

    // --- projection ---

    @Test
    void createdBindingKeepsRoleAndPrincipalByIdAndName() {
        UUID id = UUID.randomUUID();

        projection.on(new RoleBindingCreatedEvent(id, roleId, roleName, principalId, principal,
                PrincipalType.ServiceAccount, "a"), Instant.parse("2026-11-28T12:00:00.123456Z"));

        Map<String, Object> row = row(id);
        assertThat(row).containsEntry("role_id", roleId).containsEntry("role_name", roleName)
                .containsEntry("principal_id", principalId).containsEntry("principal", principal)
                .containsEntry("principal_type", "ServiceAccount").containsEntry("space", "a");
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo("2026-11-28T12:00:00.123Z");
        assertThat(views.handle(new FindRoleBindingQuery(id))).contains(new RoleBindingView(id, roleName, principal,
                PrincipalType.ServiceAccount, "a", Instant.parse("2026-11-28T12:00:00.123Z")));
    }

    @Test
    void aGlobalBindingHasNoSpace() {
        UUID id = bind(roleId, roleName, principalId, principal, null, CREATED);

        assertThat(row(id)).containsEntry("space", null);
        assertThat(views.handle(new FindRoleBindingQuery(id))).hasValueSatisfying(view -> assertThat(view.space()).isNull());
    }

    @Test
    void redeliveredCreationChangesNothing() {
        UUID id = UUID.randomUUID();
        RoleBindingCreatedEvent created = new RoleBindingCreatedEvent(id, roleId, roleName, principalId, principal,
                PrincipalType.ServiceAccount, null);
        projection.on(created, CREATED);

        projection.on(created, CREATED.plusSeconds(1));

        assertThat(countWhere("id", id)).isEqualTo(1);
        assertThat(((Timestamp) row(id).get("created_at")).toInstant()).isEqualTo(CREATED);
    }

    @Test
    void deleteRemovesOnlyThatBindingAndIsSafeToRedeliver() {
        UUID gone = bind(roleId, roleName, principalId, principal, null, CREATED);
        UUID kept = bind(roleId, roleName, principalId, principal, "a", CREATED);

        projection.on(new RoleBindingDeletedEvent(gone));
        projection.on(new RoleBindingDeletedEvent(gone));

        assertThat(views.handle(new FindRoleBindingQuery(gone))).isEmpty();
        assertThat(views.handle(new FindRoleBindingQuery(kept))).isPresent();
    }

    @Test
    void aDeletedRoleTakesAllItsBindingsButNoneOfASuccessorOfTheSameName() {
        UUID otherPrincipal = UUID.randomUUID();
        bind(roleId, roleName, principalId, principal, null, CREATED);
        bind(roleId, roleName, otherPrincipal, "other-" + otherPrincipal, "a", CREATED);
        UUID successorRole = UUID.randomUUID();
        UUID successorBinding = bind(successorRole, roleName, principalId, principal, null, CREATED.plusSeconds(1));
        UUID otherRoleBinding = bind(UUID.randomUUID(), "other-" + roleName, principalId, principal, null, CREATED);

        RoleDeletedEvent deleted = new RoleDeletedEvent(roleId, roleName);
        projection.on(deleted);
        projection.on(deleted);

        assertThat(countWhere("role_id", roleId)).isZero();
        assertThat(views.handle(new FindRoleBindingQuery(successorBinding))).isPresent();
        assertThat(views.handle(new FindRoleBindingQuery(otherRoleBinding))).isPresent();
    }

    @Test
    void aDeletedAccountTakesAllItsBindingsButNoneOfASuccessorOfTheSameName() {
        bind(roleId, roleName, principalId, principal, null, CREATED);
        bind(UUID.randomUUID(), "other-" + roleName, principalId, principal, "a", CREATED);
        UUID successor = UUID.randomUUID();
        UUID successorBinding = bind(roleId, roleName, successor, principal, null, CREATED.plusSeconds(1));

        ServiceAccountDeletedEvent deleted = new ServiceAccountDeletedEvent(principalId, principal);
        projection.on(deleted);
        projection.on(deleted);

        assertThat(countWhere("principal_id", principalId)).isZero();
        assertThat(views.handle(new FindRoleBindingQuery(successorBinding))).isPresent();
        assertThat(views.ofAccount(successor)).extracting(RoleBindingView::id).containsExactly(successorBinding);
    }

    // --- views ---

    @Test
    void ofAccountListsTheBindingsOfOneAccountOldestFirst() {
        UUID second = bind(roleId, roleName, principalId, principal, "b", CREATED.plusMillis(2));
        UUID first = bind(roleId, roleName, principalId, principal, "a", CREATED.plusMillis(1));
        bind(roleId, roleName, UUID.randomUUID(), "someone-else", "a", CREATED);

        assertThat(views.ofAccount(principalId)).extracting(RoleBindingView::id).containsExactly(first, second);
        assertThat(views.ofAccount(UUID.randomUUID())).isEmpty();
    }

    @Test
    void listFiltersByPrincipalRoleAndSpace() {
        String otherRole = "other-" + roleName;
        UUID globalBinding = bind(roleId, roleName, principalId, principal, null, CREATED.plusMillis(1));
        UUID inA = bind(roleId, roleName, principalId, principal, "a", CREATED.plusMillis(2));
        UUID otherRoleInA = bind(UUID.randomUUID(), otherRole, principalId, principal, "a", CREATED.plusMillis(3));
        UUID otherPrincipalInA = bind(roleId, roleName, UUID.randomUUID(), "x-" + principal, "a", CREATED.plusMillis(4));

        assertThat(ids(new RoleBindingViews.Filter(principal, null, null)))
                .containsExactly(globalBinding, inA, otherRoleInA);
        assertThat(ids(new RoleBindingViews.Filter(null, roleName, null)))
                .containsExactly(globalBinding, inA, otherPrincipalInA);
        assertThat(ids(new RoleBindingViews.Filter(principal, roleName, null))).containsExactly(globalBinding, inA);
        assertThat(ids(new RoleBindingViews.Filter(principal, null, "a"))).as("a global binding is in no one space")
                .containsExactly(inA, otherRoleInA);
        assertThat(ids(new RoleBindingViews.Filter(principal, otherRole, "a"))).containsExactly(otherRoleInA);
        assertThat(ids(new RoleBindingViews.Filter(principal, null, "b"))).isEmpty();
        assertThat(ids(new RoleBindingViews.Filter("nobody-" + principal, null, null))).isEmpty();
    }

    @Test
    void listPagesWithTheTotalOfTheFilter() {
        UUID[] ids = new UUID[5];
        for (int i : new int[] {4, 2, 0, 3, 1}) {
            ids[i] = bind(roleId, roleName, principalId, principal, "s" + i, CREATED.plusMillis(i));
        }
        RoleBindingViews.Filter mine = new RoleBindingViews.Filter(principal, null, null);

        Page<RoleBindingView> page = views.list(mine, ListScopes.everything(), new PageRequest(2, 2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(RoleBindingView::id).containsExactly(ids[2], ids[3]);

        Page<RoleBindingView> pastTheEnd = views.list(mine, ListScopes.everything(), new PageRequest(2, 7));
        assertThat(pastTheEnd.total()).isEqualTo(5);
        assertThat(pastTheEnd.items()).isEmpty();
    }

    @Test
    void listShowsOnlyTheBindingsTheScopeNames() {
        UUID shown = bind(roleId, roleName, principalId, principal, null, CREATED);
        bind(roleId, roleName, principalId, principal, "a", CREATED);
        RoleBindingViews.Filter mine = new RoleBindingViews.Filter(principal, null, null);

        Page<RoleBindingView> page = views.list(mine, ListScopes.names(shown.toString()), FIRST_100);
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).extracting(RoleBindingView::id).containsExactly(shown);

        Page<RoleBindingView> nothing = views.list(mine, ListScopes.nothing(), FIRST_100);
        assertThat(nothing.total()).isZero();
        assertThat(nothing.items()).isEmpty();
    }

    // --- helpers ---

    private UUID bind(UUID role, String roleNamed, UUID account, String accountNamed, String space, Instant at) {
        UUID id = UUID.randomUUID();
        projection.on(new RoleBindingCreatedEvent(id, role, roleNamed, account, accountNamed,
                PrincipalType.ServiceAccount, space), at);
        return id;
    }

    private List<UUID> ids(RoleBindingViews.Filter filter) {
        Page<RoleBindingView> page = views.list(filter, ListScopes.everything(), FIRST_100);
        assertThat(page.total()).isEqualTo(page.items().size());
        return page.items().stream().map(RoleBindingView::id).toList();
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT * FROM role_bindings WHERE id = :id").param("id", id).query().singleRow();
    }

    private long countWhere(String column, UUID value) {
        return jdbc.sql("SELECT count(*) FROM role_bindings WHERE " + column + " = :value").param("value", value)
                .query(Long.class).single();
    }
}
