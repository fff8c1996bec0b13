package dev.raworc.command.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.secret.CreateSecretCommand;
import dev.raworc.api.secret.RecordSecretDisclosureCommand;
import dev.raworc.api.secret.SecretDescriptionChangedEvent;
import dev.raworc.api.secret.SecretDisclosedEvent;
import dev.raworc.api.secret.SecretValue;
import dev.raworc.api.secret.UpdateSecretCommand;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.crypto.TestVault;
import dev.raworc.platform.storage.NameClaims;
import dev.raworc.platform.testing.TestDatabase;

/** The state a secret answers and discloses from on the command side. */
class SecretTest {

    private final NameClaims names = new NameClaims(TestDatabase.jdbc());
    private final SecretVault vault = TestVault.vault();
    private AggregateTestFixture<Secret> fixture;
    private UUID secretId;
    private String space;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Secret.class);
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(vault);
        secretId = UUID.randomUUID();
        space = "space-" + secretId.toString().substring(0, 8);
    }

    @Test
    void aCreatedSecretViewsItsMetadataAndOpensItsValue() {
        fixture.givenNoPriorActivity()
                .when(new CreateSecretCommand(secretId, space, "API_KEY", new SecretValue("s3cret"), "the key"))
                .expectSuccessfulHandlerExecution()
                .expectState(secret -> {
                    assertThat(secret.view().key()).isEqualTo("API_KEY");
                    assertThat(secret.view().space()).isEqualTo(space);
                    assertThat(secret.view().description()).isEqualTo("the key");
                    assertThat(secret.view().updatedAt()).isEqualTo(secret.view().createdAt());
                    assertThat(vault.open(secretId, secret.sealedValue())).contains("s3cret");
                });
    }

    @Test
    void aNewValueIsWhatOpensAfterwards() {
        fixture.givenCommands(new CreateSecretCommand(secretId, space, "API_KEY", new SecretValue("old"), null))
                .when(new UpdateSecretCommand(secretId, new SecretValue("new"), "changed"))
                .expectSuccessfulHandlerExecution()
                .expectState(secret -> {
                    assertThat(secret.view().description()).isEqualTo("changed");
                    assertThat(vault.open(secretId, secret.sealedValue())).contains("new");
                });
    }

    @Test
    void aDisclosureIsRecordedAndChangesNothingShown() {
        fixture.givenCommands(new CreateSecretCommand(secretId, space, "API_KEY", new SecretValue("v"), null))
                .andGiven(new SecretDescriptionChangedEvent(secretId, "d"))
                .when(new RecordSecretDisclosureCommand(secretId))
                .expectEvents(new SecretDisclosedEvent(secretId, space, "API_KEY"))
                .expectState(secret -> assertThat(secret.view().description()).isEqualTo("d"));
    }
}
