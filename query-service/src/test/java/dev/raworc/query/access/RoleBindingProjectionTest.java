package dev.raworc.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingCreatedEvent;
import dev.raworc.platform.testing.TestDatabase;

class RoleBindingProjectionTest {

    private final RoleBindingProjection projection = new RoleBindingProjection(TestDatabase.jdbc());
    private final RoleBindings bindings = new RoleBindings(TestDatabase.jdbc());
    private final String principal = "robot-" + UUID.randomUUID();

    @Test
    void bindingsOfAPrincipalAreListedOldestFirstOnceEach() {
        UUID global = UUID.randomUUID();
        UUID inSpace = UUID.randomUUID();
        RoleBindingCreatedEvent first = new RoleBindingCreatedEvent(global, "viewer", principal,
                PrincipalType.ServiceAccount, null);
        projection.on(first, Instant.parse("2026-11-28T12:00:00Z"));
        projection.on(new RoleBindingCreatedEvent(inSpace, "operator", principal, PrincipalType.ServiceAccount, "a"),
                Instant.parse("2026-11-28T12:00:01Z"));
        projection.on(first, Instant.parse("2026-11-28T12:00:02Z"));

        assertThat(bindings.ofPrincipal(principal)).containsExactly(
                new RoleBindingView(global, "viewer", principal, "ServiceAccount", null,
                        Instant.parse("2026-11-28T12:00:00Z")),
                new RoleBindingView(inSpace, "operator", principal, "ServiceAccount", "a",
                        Instant.parse("2026-11-28T12:00:01Z")));
        assertThat(bindings.ofPrincipal("nobody-" + principal)).isEmpty();
    }
}
