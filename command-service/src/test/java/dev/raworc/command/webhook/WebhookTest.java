package dev.raworc.command.webhook;

import static dev.raworc.command.DomainRefusals.conflict;
import static dev.raworc.command.DomainRefusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.any;

import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.DomainException;
import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.secret.SecretValue;
import dev.raworc.api.webhook.CreateWebhookCommand;
import dev.raworc.api.webhook.DeleteWebhookCommand;
import dev.raworc.api.webhook.ReplayWebhookCommand;
import dev.raworc.api.webhook.UpdateWebhookCommand;
import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookReplayRequestedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.platform.crypto.SecretVault;
import dev.raworc.platform.crypto.TestVault;

/** Every command path of a webhook: what it records, what it refuses, and when it records nothing. */
class WebhookTest {

    private static final String URL = "https://hooks.example.com/raworc";
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final SecretVault vault = TestVault.vault();
    private AggregateTestFixture<Webhook> fixture;
    private UUID id;
    private WebhookCreatedEvent created;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
        fixture.registerInjectableResource(vault);
        id = UUID.randomUUID();
        created = new WebhookCreatedEvent(id, URL, List.of("MessagePostedEvent"), "team",
                new SealedValue(UUID.randomUUID(), "bm9uY2U=", "Y2lwaGVy"));
    }

    @Test
    void aCreatedWebhookSealsItsSecretAndSortsItsTypes() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookCommand(id, URL, List.of("SessionCreatedEvent", "MessagePostedEvent",
                        "SessionCreatedEvent"), "team", new SecretValue(SECRET)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(any(WebhookCreatedEvent.class))))
                .expectState(webhook -> {
                    assertThat(webhook.view().eventTypes()).containsExactly("MessagePostedEvent", "SessionCreatedEvent");
                    assertThat(webhook.view().space()).isEqualTo("team");
                    assertThat(webhook.view().active()).isTrue();
                    assertThat(webhook.view().status()).isEqualTo("healthy");
                });
    }

    @Test
    void theEventHoldsTheSecretSealedAndTheVaultOpensIt() {
        WebhookCreatedEvent[] recorded = new WebhookCreatedEvent[1];
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookCommand(id, URL, List.of(), null, new SecretValue(SECRET)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(any(WebhookCreatedEvent.class))))
                .expectState(webhook -> assertThat(webhook.view().space()).isNull());
        fixture.getEventStore().readEvents(id.toString()).asStream()
                .forEach(event -> recorded[0] = (WebhookCreatedEvent) event.getPayload());
        assertThat(recorded[0].signingSecret().ciphertext()).doesNotContain(SECRET);
        assertThat(vault.open(id, recorded[0].signingSecret())).contains(SECRET);
    }

    @Test
    void unknownEventTypesAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookCommand(id, URL, List.of("MessagePosted"), null, new SecretValue(SECRET)))
                .expectNoEvents()
                .expectException(refusal(DomainException.Kind.VALIDATION, "event_types: [MessagePosted] are not session "
                        + "event types; known are [CheckpointRecordedEvent, CheckpointsExpiredEvent, FileDeletedEvent, "
                        + "FilesWrittenEvent, MessagePostedEvent, MessagesClearedEvent, SessionClosedEvent, "
                        + "SessionCreatedEvent, SessionDeletedEvent, SessionForkedEvent, SessionMetadataChangedEvent, "
                        + "SessionPlacedEvent, SessionReadyEvent, SessionRenamedEvent, SessionRestoredEvent, "
                        + "SessionStateChangedEvent]"));
    }

    @Test
    void anUpdateRecordsEverySettingAfterTheChange() {
        fixture.given(created)
                .when(new UpdateWebhookCommand(id, null, null, false))
                .expectEvents(new WebhookUpdatedEvent(id, URL, List.of("MessagePostedEvent"), false));
    }

    @Test
    void anUpdateToNewTypesAndUrl() {
        fixture.given(created)
                .when(new UpdateWebhookCommand(id, "https://other.example.com/", List.of("SessionClosedEvent"), null))
                .expectEvents(new WebhookUpdatedEvent(id, "https://other.example.com/", List.of("SessionClosedEvent"), true));
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(created)
                .when(new UpdateWebhookCommand(id, URL, List.of("MessagePostedEvent", "MessagePostedEvent"), true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUpdateWithUnknownTypesIsRefused() {
        fixture.given(created)
                .when(new UpdateWebhookCommand(id, null, List.of("Nope"), null))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void deletingShredsTheSecret() {
        UUID keyed = UUID.randomUUID();
        SealedValue sealed = vault.seal(keyed, Webhook.KEY_SPACE, new SecretValue(SECRET));
        fixture.given(new WebhookCreatedEvent(keyed, URL, List.of(), null, sealed))
                .when(new DeleteWebhookCommand(keyed))
                .expectEvents(new WebhookDeletedEvent(keyed, null))
                .expectMarkedDeleted();
        assertThat(vault.open(keyed, sealed)).isEmpty();
    }

    @Test
    void aReplayIsRecorded() {
        fixture.given(created)
                .when(new ReplayWebhookCommand(id, 42))
                .expectEvents(new WebhookReplayRequestedEvent(id, 42));
    }

    @Test
    void aReplayOfAnInactiveWebhookIsRefused() {
        fixture.given(created, new WebhookUpdatedEvent(id, URL, List.of(), false))
                .when(new ReplayWebhookCommand(id, 0))
                .expectNoEvents()
                .expectException(conflict("Webhook " + id + " is not active: activate it before a replay"));
    }

    @Test
    void aReplayFromANegativePositionIsRefused() {
        fixture.given(created)
                .when(new ReplayWebhookCommand(id, -1))
                .expectNoEvents()
                .expectException(refusal(DomainException.Kind.MALFORMED, "from: must be a global position, 0 or more"));
    }
}
