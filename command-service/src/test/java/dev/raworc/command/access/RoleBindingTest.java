package dev.raworc.command.access;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import dev.raworc.api.access.CreateRoleBindingCommand;
import dev.raworc.api.access.PrincipalType;
import dev.raworc.api.access.RoleBindingCreatedEvent;

class RoleBindingTest {

    private final AggregateTestFixture<RoleBinding> fixture = new AggregateTestFixture<>(RoleBinding.class);

    @Test
    void createBindsTheRole() {
        UUID id = UUID.randomUUID();

        fixture.givenNoPriorActivity()
                .when(new CreateRoleBindingCommand(id, "admin", "admin", PrincipalType.ServiceAccount, null))
                .expectEvents(new RoleBindingCreatedEvent(id, "admin", "admin", PrincipalType.ServiceAccount, null));
    }
}
