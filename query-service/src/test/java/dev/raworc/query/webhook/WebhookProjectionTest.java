package dev.raworc.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.api.secret.SealedValue;
import dev.raworc.api.webhook.WebhookCreatedEvent;
import dev.raworc.api.webhook.WebhookDeletedEvent;
import dev.raworc.api.webhook.WebhookUpdatedEvent;
import dev.raworc.api.webhook.WebhookView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.ListScopes;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.PageRequest;

/** The webhooks read model: what GET shows after each event, and what a list scope lets through. */
class WebhookProjectionTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T12:00:00.123456Z");
    private static final Instant CREATED_MILLIS = Instant.parse("2026-11-28T12:00:00.123Z");
    private static final String URL = "https://hooks.example.com/raworc";
    private static final PageRequest FIRST_1000 = new PageRequest(1000, 0);

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final WebhookProjection projection = new WebhookProjection(jdbc);
    private final WebhookViews views = new WebhookViews(jdbc);
    private final UUID id = UUID.randomUUID();
    private final String space = "hooks-" + id.toString().substring(0, 8);

    @Test
    void aCreatedWebhookIsActiveHealthyAndShowsItsCreatorAtMillisecondPrecision() {
        projection.on(created(id, space, List.of("MessagePostedEvent")), CREATED, "alice");

        assertThat(views.find(id)).contains(new WebhookView(id, URL, List.of("MessagePostedEvent"), space, true,
                WebhookView.HEALTHY, CREATED_MILLIS, "alice"));
    }

    @Test
    void theReadModelHoldsNoSecret() {
        WebhookCreatedEvent event = created(id, space, List.of());
        projection.on(event, CREATED, "alice");

        String row = jdbc.sql("SELECT w::text FROM webhooks w WHERE id = :id").param("id", id).query(String.class).single();
        assertThat(row).doesNotContain(event.signingSecret().ciphertext(), event.signingSecret().nonce(),
                event.signingSecret().keyId().toString());
    }

    @Test
    void aRedeliveredCreationChangesNothing() {
        projection.on(created(id, space, List.of()), CREATED, "alice");
        projection.on(new WebhookUpdatedEvent(id, URL + "/changed", List.of("SessionCreatedEvent"), false));
        WebhookView before = views.find(id).orElseThrow();

        projection.on(created(id, "elsewhere", List.of("MessagePostedEvent")), CREATED.plusSeconds(5), "bob");

        assertThat(views.find(id)).contains(before);
    }

    @Test
    void anUpdateReplacesUrlTypesAndActiveAndKeepsTheRest() {
        projection.on(created(id, space, List.of("MessagePostedEvent")), CREATED, "alice");
        WebhookUpdatedEvent update = new WebhookUpdatedEvent(id, URL + "/v2", List.of(), false);

        projection.on(update);
        projection.on(update);

        assertThat(views.find(id)).contains(new WebhookView(id, URL + "/v2", List.of(), space, false,
                WebhookView.HEALTHY, CREATED_MILLIS, "alice"));
    }

    @Test
    void aDeletedWebhookIsGoneAndStaysGone() {
        projection.on(created(id, space, List.of()), CREATED, "alice");

        projection.on(new WebhookDeletedEvent(id, space));
        projection.on(new WebhookDeletedEvent(id, space));
        projection.on(new WebhookUpdatedEvent(id, URL, List.of(), true));

        assertThat(views.find(id)).isEmpty();
        assertThat(views.list(ListScopes.names(id.toString()), FIRST_1000).total()).isZero();
    }

    @Test
    void theStatusIsFailingWhileTheOutboxSaysSo() {
        projection.on(created(id, space, List.of()), CREATED, "alice");
        jdbc.sql("""
                INSERT INTO webhook_subscriptions (id, url, event_types, space, active, key_id, nonce, ciphertext, failing)
                VALUES (:id, :url, '[]', :space, false, :key, 'n', 'c', true)""")
                .param("id", id).param("url", URL).param("space", space).param("key", UUID.randomUUID()).update();

        assertThat(views.find(id).orElseThrow().status()).isEqualTo(WebhookView.FAILING);
        assertThat(views.list(ListScopes.names(id.toString()), FIRST_1000).items())
                .extracting(WebhookView::status).containsExactly(WebhookView.FAILING);
    }

    @Test
    void aSpacesScopeListsItsWebhooksOnlyAndAGlobalScopeListsEveryOneOldestFirst() {
        UUID other = UUID.randomUUID();
        UUID global = UUID.randomUUID();
        projection.on(created(global, null, List.of()), CREATED.plusMillis(2), "alice");
        projection.on(created(other, "other-" + space, List.of()), CREATED.plusMillis(1), "alice");
        projection.on(created(id, space, List.of()), CREATED, "alice");
        ListScope ours = ListScopes.names(id.toString(), other.toString(), global.toString());

        assertThat(ids(ListScopes.space(space))).containsExactly(id);
        assertThat(views.list(ListScopes.space(space), FIRST_1000).total()).isEqualTo(1);
        assertThat(ids(ours)).containsExactly(id, other, global);
        assertThat(ids(ListScopes.everything())).contains(id, other, global);
        assertThat(ids(ListScopes.nothing())).isEmpty();
        assertThat(views.list(ours, new PageRequest(1, 1)).items()).extracting(WebhookView::id).containsExactly(other);
        assertThat(views.list(ours, new PageRequest(1, 1)).total()).isEqualTo(3);
    }

    private List<UUID> ids(ListScope scope) {
        return views.list(scope, FIRST_1000).items().stream().map(WebhookView::id).toList();
    }

    private static WebhookCreatedEvent created(UUID webhook, String space, List<String> types) {
        return new WebhookCreatedEvent(webhook, URL, types, space, new SealedValue(UUID.randomUUID(), "nonce-" + webhook,
                "ciphertext-" + webhook));
    }
}
