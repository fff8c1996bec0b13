package dev.raworc.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.DomainException;
import dev.raworc.api.account.CreateServiceAccountCommand;
import dev.raworc.api.account.PasswordHash;
import dev.raworc.api.account.RecordServiceAccountLoginCommand;
import dev.raworc.api.account.ServiceAccountCreatedEvent;
import dev.raworc.api.account.ServiceAccountLoggedInEvent;
import dev.raworc.platform.security.AccountCredentials;
import dev.raworc.platform.testing.TestDatabase;

class ServiceAccountTest {

    private final AccountCredentials credentials = new AccountCredentials(TestDatabase.jdbc());
    private AggregateTestFixture<ServiceAccount> fixture;
    private UUID accountId;
    private String user;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
        fixture.registerInjectableResource(credentials);
        accountId = UUID.randomUUID();
        user = "user-" + accountId.toString().substring(0, 8);
    }

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
        credentials.register(UUID.randomUUID(), user, new PasswordHash("other"));

        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccountCommand(accountId, user, new PasswordHash("hash-1"), null))
                .expectException(DomainException.class)
                .expectExceptionMessage("Service account '" + user + "' already exists")
                .expectNoEvents();
        assertThat(credentials.findById(accountId)).isEmpty();
    }

    @Test
    void loginIsRecorded() {
        fixture.given(new ServiceAccountCreatedEvent(accountId, user, null))
                .when(new RecordServiceAccountLoginCommand(accountId))
                .expectEvents(new ServiceAccountLoggedInEvent(accountId));
    }
}
